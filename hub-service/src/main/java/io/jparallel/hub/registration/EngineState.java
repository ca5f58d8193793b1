package io.jparallel.hub.registration;

/** Where an engine stands with the hub. */
public enum EngineState {

	/** Registered and beating. */
	REGISTERED,

	/** Left on its own, announcing it. */
	UNREGISTERED,

	/** Stopped beating for longer than the heartbeat timeout. */
	DEAD

}
