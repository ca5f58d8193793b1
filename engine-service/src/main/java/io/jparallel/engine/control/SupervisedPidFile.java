package io.jparallel.engine.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The pid file {@code jpcluster} wrote for this engine ({@code jparallel.engine.pid-file}). Its
 * supervisor restarts an engine whose process is gone while its pid file is still there; an engine asked
 * to stop removes the file first, so a requested stop is never undone. Without the property (an engine
 * not started by {@code jpcluster}) this does nothing.
 */
final class SupervisedPidFile {

	private static final Log logger = LogFactory.getLog(SupervisedPidFile.class);

	private final Path file;

	SupervisedPidFile(String file) {
		this.file = (file != null && !file.isBlank()) ? Path.of(file) : null;
	}

	/** Removes the pid file if it still names this process. */
	void release() {
		if (this.file == null) {
			return;
		}
		try {
			List<String> lines = Files.readAllLines(this.file);
			if (!lines.isEmpty() && lines.get(0).trim().equals(String.valueOf(ProcessHandle.current().pid()))) {
				Files.delete(this.file);
				logger.info("Stopping on request: removed " + this.file + " so the supervisor does not restart this engine");
			}
		}
		catch (IOException ex) {
			logger.debug("Could not remove " + this.file + ": " + ex.getMessage());
		}
	}

}
