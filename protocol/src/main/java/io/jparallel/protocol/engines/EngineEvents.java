package io.jparallel.protocol.engines;

/** Receives the hub's notifications of engines joining and leaving. */
public interface EngineEvents {

	void registered(int id, String uuid);

	void unregistered(int id, String uuid, String reason);

}
