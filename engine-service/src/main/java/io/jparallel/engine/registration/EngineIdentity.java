package io.jparallel.engine.registration;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** This engine's uuid (its MUX routing key, fixed at start) and the id the hub gave it. */
@Component
public class EngineIdentity {

	private final String uuid = UUID.randomUUID().toString();

	private volatile int id = -1;

	public String uuid() {
		return this.uuid;
	}

	/** The hub-assigned id, or -1 before registration. */
	public int id() {
		return this.id;
	}

	void assign(int id) {
		this.id = id;
	}

	public boolean isRegistered() {
		return this.id >= 0;
	}

}
