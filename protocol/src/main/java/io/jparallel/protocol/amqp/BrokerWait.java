package io.jparallel.protocol.amqp;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import io.jparallel.protocol.broker.FreePorts;
import io.jparallel.protocol.broker.Waits;

/**
 * A service's first connection to the broker, retried until the broker is up and lets the service's user
 * in: {@code jpcluster} starts the services while the broker boots (and creates the cluster's user once
 * it has), and under Kubernetes pods may start before RabbitMQ is ready. Progress is logged every few
 * seconds with the last reason; after the timeout the service fails to start with that reason.
 */
public final class BrokerWait {

	private static final Log logger = LogFactory.getLog(BrokerWait.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

	/**
	 * How often a closed broker port is tried again, with a plain TCP connect, before the next AMQP attempt.
	 * In a cluster start every service waits so for the node, the hub first of all, and connects within
	 * this long of the node opening its port; the pauses between AMQP attempts (up to {@link #MAX_PAUSE})
	 * made it half a second on average. AMQP attempts are too dear to poll with this often: a refused one
	 * costs 0.3-0.7 ms of CPU even in a warm loop (Spring AMQP's and the RabbitMQ client's exceptions),
	 * where a plain connect is one system call and one exception.
	 */
	static final Duration PORT_POLL = Duration.ofMillis(50);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

	private BrokerWait() {
	}

	/**
	 * Returns once a connection from {@code factory} opens (it stays cached for the service).
	 * @param where the broker, for messages (no credentials)
	 * @throws IllegalStateException with the last failure's reason if none opened within {@code timeout}
	 */
	public static void until(ConnectionFactory factory, String where, Duration timeout) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		long lastProgress = started;
		Duration pause = FIRST_PAUSE;
		while (true) {
			try {
				factory.createConnection();
				if (System.nanoTime() - started > PROGRESS_INTERVAL.toNanos()) {
					logger.info("Connected to the broker at " + where + " after "
							+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
				}
				return;
			}
			catch (AmqpException ex) {
				long now = System.nanoTime();
				String reason = reason(ex);
				if (now - deadline >= 0) {
					throw new IllegalStateException("The broker at " + where + " did not let this service in within "
							+ timeout.toSeconds() + " s: " + reason, ex);
				}
				if (now - lastProgress >= PROGRESS_INTERVAL.toNanos()) {
					logger.info("Waiting for the broker at " + where + " ("
							+ Duration.ofNanos(now - started).toSeconds() + " s): " + reason);
					lastProgress = now;
				}
				if (refused(ex) && portOpened(factory.getHost(), factory.getPort(),
						Math.min(deadline - now, PROGRESS_INTERVAL.toNanos()))) {
					pause = FIRST_PAUSE;
					continue;
				}
			}
			Waits.pause(pause);
			pause = (pause.compareTo(MAX_PAUSE.dividedBy(2)) > 0) ? MAX_PAUSE : pause.multipliedBy(2);
		}
	}

	/** Whether the attempt failed because nothing listened on the broker's port (the node still booting). */
	static boolean refused(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tries a plain TCP connect to the broker's port every {@link #PORT_POLL} for up to {@code nanos}.
	 * @return whether the port, closed at first, accepted a connection; {@code false} if it was open at
	 * once (the AMQP attempt failed for another reason, and its retry keeps its pause) or stayed closed
	 */
	static boolean portOpened(String host, int port, long nanos) {
		InetSocketAddress address = new InetSocketAddress(host, port);
		int connectTimeout = (int) PORT_POLL.toMillis();
		if (FreePorts.isListening(address, connectTimeout)) {
			return false;
		}
		return Waits.until(() -> FreePorts.isListening(address, connectTimeout), Duration.ofNanos(nanos), PORT_POLL);
	}

	private static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
