package io.jparallel.hub.registration;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.jparallel.protocol.tasks.PropertyMaps;

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

	/**
	 * The engine's properties, a JSON object of strings: a {@code text} column (not a {@code @Lob}, which
	 * PostgreSQL would keep as a large object that cannot be read outside a transaction).
	 */
	@Column(name = "properties")
	private String properties;

	protected EngineRecord() {
	}

	EngineRecord(int id, String uuid) {
		this.id = id;
		this.uuid = uuid;
	}

	void registered(String hostname, Long pid, Map<String, String> properties, Instant at) {
		this.hostname = hostname;
		this.pid = pid;
		this.properties = PropertyMaps.toJson(properties);
		this.state = EngineState.REGISTERED;
		this.registeredAt = at;
		this.lastHeartbeat = at;
		this.unregisteredAt = null;
	}

	void propertiesChanged(Map<String, String> properties) {
		this.properties = PropertyMaps.toJson(properties);
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
				this.lastHeartbeat, this.unregisteredAt, properties());
	}

	/** The stored properties; none if there are none or they cannot be read. */
	private Map<String, String> properties() {
		try {
			return PropertyMaps.fromJson(this.properties);
		}
		catch (IllegalArgumentException ex) {
			return Map.of();
		}
	}

}
