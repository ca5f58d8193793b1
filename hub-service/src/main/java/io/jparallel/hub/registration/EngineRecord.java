package io.jparallel.hub.registration;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An engine the hub ever registered. Rows are never deleted: the highest id ever given out is what keeps
 * ids from being reused, across hub restarts too.
 */
@Entity
@Table(name = "engines")
public class EngineRecord {

	@Id
	private Integer id;

	@Column(nullable = false, unique = true, length = 128)
	private String uuid;

	private String hostname;

	private Long pid;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private EngineState state;

	private Instant registeredAt;

	private Instant lastHeartbeat;

	private Instant unregisteredAt;

	protected EngineRecord() {
	}

	EngineRecord(int id, String uuid) {
		this.id = id;
		this.uuid = uuid;
	}

	void registered(String hostname, Long pid, Instant at) {
		this.hostname = hostname;
		this.pid = pid;
		this.state = EngineState.REGISTERED;
		this.registeredAt = at;
		this.lastHeartbeat = at;
		this.unregisteredAt = null;
	}

	void left(EngineState state, Instant at) {
		this.state = state;
		this.unregisteredAt = at;
	}

	public Integer getId() {
		return this.id;
	}

	public String getUuid() {
		return this.uuid;
	}

	public EngineState getState() {
		return this.state;
	}

	public Instant getRegisteredAt() {
		return this.registeredAt;
	}

	public Engine toEngine() {
		return new Engine(this.id, this.uuid, this.hostname, this.pid, this.state, this.registeredAt,
				this.lastHeartbeat, this.unregisteredAt);
	}

}
