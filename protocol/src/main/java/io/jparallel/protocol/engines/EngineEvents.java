package io.jparallel.protocol.engines;

/** Receives the hub's notifications of engines joining and leaving. */
public interface EngineEvents {

	void registered(int id, String uuid);

	void unregistered(int id, String uuid, String reason);

	/** The hub is shutting the controller down at a client's request ({@code rc.shutdown(targets, true)}). */
	default void clusterShuttingDown(String reason) {
	}

}
