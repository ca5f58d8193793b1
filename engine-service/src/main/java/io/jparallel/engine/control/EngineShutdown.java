package io.jparallel.engine.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.kernel.JShellKernel;

/**
 * Stops the engine at a client's request, on a thread of its own so that the control consumer that
 * asked is free to finish: the code running in the kernel is interrupted, the application context
 * closes (the engine stops consuming and tells the hub it is leaving, see
 * {@link io.jparallel.engine.registration.EngineRegistrar}) and the JVM exits with the context's exit
 * code, 0. Should closing hang, the JVM is halted once the grace period is over. The engine's pid file
 * goes first, which tells {@code jpcluster}'s supervisor that this exit was asked for.
 */
@Component
public class EngineShutdown {

	private static final Log logger = LogFactory.getLog(EngineShutdown.class);

	private final ConfigurableApplicationContext context;

	private final Runnable interruptWork;

	private final Duration gracePeriod;

	private final IntConsumer exit;

	private final IntConsumer halt;

	private final AtomicBoolean requested = new AtomicBoolean();

	private Runnable beforeExit = () -> {
	};

	@Autowired
	public EngineShutdown(ConfigurableApplicationContext context, JShellKernel kernel, EngineProperties properties) {
		this(context, kernel::interrupt, properties.getShutdownGracePeriod(), System::exit,
				Runtime.getRuntime()::halt);
		SupervisedPidFile pidFile = new SupervisedPidFile(properties.getPidFile());
		this.beforeExit = pidFile::release;
	}

	EngineShutdown(ConfigurableApplicationContext context, Runnable interruptWork, Duration gracePeriod,
			IntConsumer exit, IntConsumer halt) {
		this.context = context;
		this.interruptWork = interruptWork;
		this.gracePeriod = gracePeriod;
		this.exit = exit;
		this.halt = halt;
	}

	/** Starts shutting down; later calls do nothing. */
	public void shutDown() {
		if (!this.requested.compareAndSet(false, true)) {
			return;
		}
		// a stop that was asked for: the supervisor must not restart this engine
		this.beforeExit.run();
		Thread watchdog = new Thread(this::haltIfStillRunning, "engine-shutdown-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		Thread shutdown = new Thread(() -> {
			try {
				this.interruptWork.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not interrupt the running code: " + ex.getMessage());
			}
			int code = SpringApplication.exit(this.context);
			this.exit.accept(code);
		}, "engine-shutdown");
		shutdown.start();
	}

	public boolean isRequested() {
		return this.requested.get();
	}

	private void haltIfStillRunning() {
		try {
			TimeUnit.MILLISECONDS.sleep(this.gracePeriod.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		logger.warn("The engine did not stop within " + this.gracePeriod.toMillis() + " ms; halting the JVM");
		this.halt.accept(0);
	}

}
