package io.jparallel.protocol.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's calls to Eureka's REST API, against a JDK HTTP server that answers as the registry does and
 * records what it was sent.
 */
class EurekaRegistrationTests {

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	/** The status the stand-in registry answers renewals with. */
	private final AtomicInteger renewalStatus = new AtomicInteger(200);

	/** The status it answers registrations with. */
	private final AtomicInteger registrationStatus = new AtomicInteger(204);

	/** Whether the stand-in registry drops every connection unanswered, like one still starting. */
	private final AtomicBoolean starting = new AtomicBoolean();

	/** Connections it dropped so. */
	private final AtomicInteger dropped = new AtomicInteger();

	private HttpServer registry;

	private EurekaRegistration registration;

	@BeforeEach
	void startRegistry() throws IOException {
		this.registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.registry.createContext("/eureka/", this::answer);
		this.registry.start();
		this.registration = new EurekaRegistration(settings("http://127.0.0.1:" + this.registry.getAddress().getPort()
				+ "/eureka/"), "engine-service");
	}

	@AfterEach
	void stop() {
		this.registration.cancel();
		this.registry.stop(0);
	}

	@Test
	void listsTheEngineRenewsItsLeaseAndRemovesItWhenCancelled() {
		this.registration.register(4242, Map.of("engineId", "3"));

		await().atMost(Duration.ofSeconds(10)).until(() -> count("PUT") >= 2);
		Call listing = this.calls.get(0);
		assertThat(listing.method()).isEqualTo("POST");
		assertThat(listing.path()).isEqualTo("/eureka/apps/ENGINE-SERVICE");
		assertThat(listing.contentType()).isEqualTo("application/json");
		assertThat(listing.body()).contains("\"instanceId\":\"engine-service-7\"", "\"$\":4242", "\"engineId\":\"3\"",
				"\"vipAddress\":\"engine-service\"");
		assertThat(this.calls).filteredOn(call -> call.method().equals("PUT"))
			.allSatisfy(call -> {
				assertThat(call.path()).isEqualTo("/eureka/apps/ENGINE-SERVICE/engine-service-7");
				assertThat(call.query()).startsWith("status=UP&lastDirtyTimestamp=");
			});

		this.registration.cancel();

		Call last = this.calls.get(this.calls.size() - 1);
		assertThat(last.method()).isEqualTo("DELETE");
		assertThat(last.path()).isEqualTo("/eureka/apps/ENGINE-SERVICE/engine-service-7");
	}

	@Test
	void listsTheEngineAgainWhenTheRegistryHasForgottenIt() {
		this.registration.register(4242, Map.of("engineId", "3"));
		await().atMost(Duration.ofSeconds(10)).until(() -> count("PUT") >= 1);

		// a restarted registry answers a renewal with 404
		this.renewalStatus.set(404);

		await().atMost(Duration.ofSeconds(10)).until(() -> count("POST") >= 2);
	}

	@Test
	void aRefusedListingIsTriedAgainAtTheNextRenewal() {
		this.registrationStatus.set(500);
		this.registration.register(4242, Map.of());
		await().atMost(Duration.ofSeconds(10)).until(() -> count("POST") >= 2);
		assertThat(count("PUT")).isZero();

		this.registrationStatus.set(204);

		await().atMost(Duration.ofSeconds(10)).until(() -> count("PUT") >= 1);
	}

	@Test
	void aRegistryThatIsNotUpYetIsTriedAgainUntilItIs() {
		// the registry takes connections and drops them unanswered, like one still starting; its port stays
		// bound throughout (freeing it and binding it again failed once in a CI run: "Address already in use")
		this.starting.set(true);
		this.registration.register(4242, Map.of());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dropped.get() >= 1);
		assertThat(this.calls).isEmpty();

		this.starting.set(false);

		await().atMost(Duration.ofSeconds(10)).until(() -> count("POST") >= 1 && count("PUT") >= 1);
	}

	private long count(String method) {
		return this.calls.stream().filter(call -> call.method().equals(method)).count();
	}

	private void answer(HttpExchange exchange) throws IOException {
		if (this.starting.get()) {
			this.dropped.incrementAndGet();
			exchange.close();
			return;
		}
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String method = exchange.getRequestMethod();
		this.calls.add(new Call(method, exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
				exchange.getRequestHeaders().getFirst("Content-Type"), body));
		int status = switch (method) {
			case "POST" -> this.registrationStatus.get();
			case "PUT" -> this.renewalStatus.get();
			default -> 200;
		};
		byte[] answer = (status >= 400) ? "{\"error\":\"test\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
		exchange.sendResponseHeaders(status, (answer.length == 0) ? -1 : answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	private static EurekaSettings settings(String registryUrl) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("eureka.client.service-url.defaultZone",
				registryUrl, "eureka.instance.instance-id", "engine-service-7",
				"eureka.instance.lease-renewal-interval-in-seconds", "1")));
		return binder.bindOrCreate("eureka", EurekaSettings.class);
	}

	private record Call(String method, String path, String query, String contentType, String body) {
	}

}
