package io.jparallel.engine.kernel;

import java.util.Iterator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's own log lines out of the output a request captures. Logback's console appenders write
 * to whatever {@code System.out} (or {@code System.err}) is at the time, and {@link OutputCapture} replaces
 * both: a line the engine logged on a request's thread (a jar added to the class path, a class fetch that
 * failed) went into the user's {@code stdout} and was missing from the engine's log. Pointed at the streams
 * the capture replaced, they always reach the log.
 */
final class ConsoleLogStreams {

	private ConsoleLogStreams() {
	}

	/** Points every console appender at the original stream of its target; how many were changed. */
	static int keepOnOriginalStreams(OutputCapture capture) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return 0;
		}
		int changed = 0;
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
					console.setOutputStream("System.err".equals(console.getTarget()) ? capture.originalErr()
							: capture.originalOut());
					changed++;
				}
			}
		}
		return changed;
	}

}
