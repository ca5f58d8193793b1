package io.jparallel.hub.registration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shuts the controller down at a client's request ({@code rc.shutdown(targets, true)}): announces it
 * on the notifications fanout, so schedulers exit too, then closes the hub and exits.
 */
public class ControllerShutdown {

	private static final Log logger = LogFactory.getLog(ControllerShutdown.class);

	private final EngineNotifications notifications;

	private final ConfigurableApplicationContext context;

	public ControllerShutdown(EngineNotifications notifications, ConfigurableApplicationContext context) {
		this.notifications = notifications;
		this.context = context;
	}

	/** Announces the shutdown and exits on another thread, so the request's reply goes out first. */
	public void begin(String session) {
		String reason = "shutdown requested by client " + session;
		logger.info("The controller is shutting down: " + reason);
		this.notifications.shuttingDown(reason);
		Thread exit = new Thread(() -> System.exit(SpringApplication.exit(this.context, () -> 0)), "hub-shutdown");
		exit.setDaemon(false);
		exit.start();
	}

}
