package io.jparallel.hub.dashboard;

import java.net.URI;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /dashboard}: the page (static, {@code static/dashboard/}, no build step, nothing from the
 * network); {@code GET /dashboard/events}: its server-sent events, a {@link DashboardSnapshot} a second;
 * {@code GET /dashboard/snapshot}: one snapshot as JSON. Open, like every read of the hub.
 */
@RestController
public class DashboardController {

	private static final Resource PAGE = new ClassPathResource("static/dashboard/index.html");

	private final DashboardStream stream;

	public DashboardController(DashboardStream stream) {
		this.stream = stream;
	}

	/** The page; it names its script, style and events relative to {@code /dashboard}. */
	@GetMapping("/dashboard")
	public ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
	}

	@GetMapping("/dashboard/")
	public ResponseEntity<Void> pageWithSlash() {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("../dashboard")).build();
	}

	@GetMapping(path = "/dashboard/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events() {
		return this.stream.subscribe();
	}

	@GetMapping(path = "/dashboard/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
	public String snapshot() {
		return this.stream.current();
	}

}
