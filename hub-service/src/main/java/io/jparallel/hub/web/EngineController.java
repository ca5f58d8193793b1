package io.jparallel.hub.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.jparallel.hub.heartbeat.HeartMonitor;
import io.jparallel.hub.registration.EngineRegistry;

/** {@code GET /engines}: every engine ever registered, by id, with its latest heartbeat and its properties. */
@RestController
public class EngineController {

	private final EngineRegistry registry;

	private final HeartMonitor monitor;

	public EngineController(EngineRegistry registry, HeartMonitor monitor) {
		this.registry = registry;
		this.monitor = monitor;
	}

	@GetMapping("/engines")
	public List<EngineView> engines() {
		return this.registry.all()
			.stream()
			.map(engine -> this.monitor.lastSeen(engine.uuid()).map(engine::withLastHeartbeat).orElse(engine))
			.map(EngineView::of)
			.toList();
	}

}
