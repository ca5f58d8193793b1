package io.jparallel.hub.heartbeat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What each engine said of its work in its latest heartbeat ({@code queued}, {@code handled}), by uuid, in
 * memory. An engine that does not say (an older engine) is simply absent. Read by the dashboard.
 */
public final class EngineLoads {

	/** Heartbeat content keys. */
	public static final String QUEUED = "queued";

	public static final String HANDLED = "handled";

	private final Map<String, EngineLoad> loads = new ConcurrentHashMap<>();

	/** Keeps what a heartbeat said, if it said anything parseable. */
	public void report(String uuid, @Nullable String queued, @Nullable String handled) {
		Long inHand = parse(queued);
		Long done = parse(handled);
		if (inHand != null || done != null) {
			this.loads.put(uuid, new EngineLoad(inHand, done));
		}
	}

	public Optional<EngineLoad> of(String uuid) {
		return Optional.ofNullable(this.loads.get(uuid));
	}

	public void forget(String uuid) {
		this.loads.remove(uuid);
	}

	private static @Nullable Long parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * An engine's work, as it last reported it.
	 *
	 * @param queued the requests it holds: the one running and those waiting behind it in its deliveries
	 * @param handled the requests it has answered since it started
	 */
	public record EngineLoad(@Nullable Long queued, @Nullable Long handled) {
	}

}
