package io.jparallel.scheduler;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Stops the scheduler when the hub announces that the controller is shutting down at a client's
 * request: the application context closes on a thread of its own (so the notification consumer that
 * heard it is free to finish) and the JVM exits with the context's exit code, 0.
 */
@Component
public class SchedulerShutdown {

	private static final Log logger = LogFactory.getLog(SchedulerShutdown.class);

	private final ConfigurableApplicationContext context;

	private final IntConsumer exit;

	private final AtomicBoolean requested = new AtomicBoolean();

	@Autowired
	public SchedulerShutdown(ConfigurableApplicationContext context) {
		this(context, System::exit);
	}

	SchedulerShutdown(ConfigurableApplicationContext context, IntConsumer exit) {
		this.context = context;
		this.exit = exit;
	}

	/** Starts shutting down; later calls do nothing. */
	public void shutDown(String reason) {
		if (!this.requested.compareAndSet(false, true)) {
			return;
		}
		logger.info("Scheduler shutting down: " + reason);
		Thread shutdown = new Thread(() -> this.exit.accept(SpringApplication.exit(this.context)), "scheduler-shutdown");
		shutdown.start();
	}

}
