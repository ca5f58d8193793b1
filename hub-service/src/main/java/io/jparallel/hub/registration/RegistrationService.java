package io.jparallel.hub.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Engines joining and leaving: the registry's changes, the application events other features follow, and
 * the log lines an operator reads.
 */
@Service
public class RegistrationService {

	private static final Log logger = LogFactory.getLog(RegistrationService.class);

	private final EngineRegistry registry;

	private final EngineNotifications notifications;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public RegistrationService(EngineRegistry registry, EngineNotifications notifications,
			ApplicationEventPublisher events, Clock clock) {
		this.registry = registry;
		this.notifications = notifications;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers an engine (again, if its uuid is known) and returns it with its id. The caller replies to
	 * the engine first and then {@linkplain #announce announces} it, so the engine knows its id before
	 * anyone sends it work.
	 */
	public Engine register(String uuid, String hostname, Long pid, Map<String, String> properties) {
		Engine engine = this.registry.register(uuid, hostname, pid, properties, this.clock.instant());
		this.events.publishEvent(new EngineRegistered(engine));
		long registered = this.registry.countByState().get(EngineState.REGISTERED);
		logger.info("Engine " + engine.id() + " registered (uuid " + engine.uuid() + ", host " + engine.hostname()
				+ ", pid " + engine.pid() + ", properties " + engine.properties() + "); " + registered
				+ ((registered == 1) ? " engine" : " engines") + " registered");
		return engine;
	}

	/**
	 * Records a registered engine's new properties and tells schedulers and clients.
	 * @param uuid the engine's uuid
	 * @param properties the whole new map
	 * @return the engine, if it is registered
	 */
	public Optional<Engine> propertiesChanged(String uuid, Map<String, String> properties) {
		Optional<Engine> changed = this.registry.changeProperties(uuid, properties);
		changed.ifPresent(engine -> {
			logger.info("Engine " + engine.id() + " (uuid " + engine.uuid() + ") now has properties "
					+ engine.properties());
			this.notifications.propertiesChanged(engine);
		});
		return changed;
	}

	/** Tells schedulers and clients that an engine joined. */
	public void announce(Engine engine) {
		this.notifications.registered(engine);
	}

	/**
	 * Marks a registered engine as gone and tells schedulers and clients.
	 * @param uuid the engine's uuid
	 * @param state {@link EngineState#UNREGISTERED} or {@link EngineState#DEAD}
	 * @param registeredAt if not {@code null}, only if it has not registered again since then
	 * @param reason why, for the notification and the log
	 * @return the engine, if it was registered until now
	 */
	public Optional<Engine> leave(String uuid, EngineState state, Instant registeredAt, String reason) {
		Optional<Engine> gone = this.registry.markGone(uuid, state, registeredAt, this.clock.instant());
		gone.ifPresent(engine -> {
			this.events.publishEvent(new EngineLeft(engine, reason));
			long registered = this.registry.countByState().get(EngineState.REGISTERED);
			String line = "Engine " + engine.id() + " (uuid " + engine.uuid() + ", host " + engine.hostname() + ") is "
					+ state.name().toLowerCase() + ": " + reason + "; " + registered
					+ ((registered == 1) ? " engine" : " engines") + " registered";
			if (state == EngineState.DEAD) {
				logger.warn(line);
			}
			else {
				logger.info(line);
			}
			this.notifications.unregistered(engine, reason);
		});
		return gone;
	}

}
