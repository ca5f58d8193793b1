package io.jparallel.protocol.broker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreePortsTests {

	@Test
	void picksDistinctPortsThatCanBeBound() throws Exception {
		int[] ports = FreePorts.pick(5);

		assertThat(ports).hasSize(5).doesNotHaveDuplicates();
		assertThat(java.util.Arrays.stream(ports).boxed()).allMatch(port -> port > 0 && port < 65536);
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void seesWhetherAPortIsListening() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
			assertThat(FreePorts.isListening(port)).isTrue();
		}
		assertThat(FreePorts.isListening(port)).isFalse();
	}

	@Test
	void rejectsAskingForNoPort() {
		assertThatIllegalArgumentException().isThrownBy(() -> FreePorts.pick(0));
	}

}
