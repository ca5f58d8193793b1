package io.jparallel.launcher.cluster;

/**
 * An engine as the hub lists it at {@code GET /engines}.
 *
 * @param id the engine's integer id, as text
 * @param uuid the engine's identity
 * @param state {@code REGISTERED} once it can take work
 */
public record EngineInfo(String id, String uuid, String state) {

	public boolean isRegistered() {
		return "REGISTERED".equals(this.state);
	}

}
