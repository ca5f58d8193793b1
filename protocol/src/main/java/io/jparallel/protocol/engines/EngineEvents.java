package io.jparallel.protocol.engines;

/** Receives the hub's notifications of engines joining and leaving. */
public interface EngineEvents {

	void registered(int id, String uuid);

	/** An engine joined, with the properties it published (see {@link #propertiesChanged}). */
	default void registered(int id, String uuid, java.util.Map<String, String> properties) {
		registered(id, uuid);
	}

	/** An engine's properties changed (a client set them); {@code properties} is the whole new map. */
	default void propertiesChanged(int id, String uuid, java.util.Map<String, String> properties) {
	}

	void unregistered(int id, String uuid, String reason);

	/** The hub is shutting the controller down at a client's request ({@code rc.shutdown(targets, true)}). */
	default void clusterShuttingDown(String reason) {
	}

}
