package io.jparallel.launcher.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubClientTests {

	@Test
	void parsesTheEngineListIgnoringUnknownFields() {
		String json = """
				[{"id":0,"uuid":"a-1","state":"REGISTERED","host":"h"},
				 {"id":1,"uuid":"b-2","state":"UNREGISTERED"}]""";

		assertThat(HubClient.parse(json)).containsExactly(new EngineInfo("0", "a-1", "REGISTERED"),
				new EngineInfo("1", "b-2", "UNREGISTERED"));
		assertThat(HubClient.parse(json)).filteredOn(EngineInfo::isRegistered).hasSize(1);
	}

	@Test
	void rejectsAnythingButAnArray() {
		assertThatIllegalArgumentException().isThrownBy(() -> HubClient.parse("{\"engines\":[]}"));
	}

	@Test
	void readsEnginesFromTheHubAndReportsNothingWhenItIsDown() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/engines", exchange -> {
			byte[] body = "[{\"id\":7,\"uuid\":\"u\",\"state\":\"REGISTERED\"}]".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		String url = "http://127.0.0.1:" + server.getAddress().getPort();
		try {
			assertThat(new HubClient(url).engines()).hasValue(java.util.List.of(new EngineInfo("7", "u", "REGISTERED")));
		}
		finally {
			server.stop(0);
		}
		assertThat(new HubClient(url).engines()).isEmpty();
	}

}
