package io.jparallel.protocol.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreePortsTests {

	@Test
	void picksDistinctPortsThatCanBeBound() throws Exception {
		int[] ports = FreePorts.pick(5);

		assertThat(ports).hasSize(5).doesNotHaveDuplicates();
		assertThat(Arrays.stream(ports).boxed()).allMatch(port -> port > 0 && port < 65536);
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void picksPortsOutsideTheKernelsEphemeralRange() throws Exception {
		FreePorts.EphemeralRange ephemeral = FreePorts.EphemeralRange.read(FreePorts.EPHEMERAL_RANGE_FILE);
		Assumptions.assumeTrue(ephemeral != null, "this kernel tells no ephemeral range");

		int[] ports = FreePorts.pick(20);

		assertThat(ports).hasSize(20).doesNotHaveDuplicates();
		assertThat(Arrays.stream(ports).boxed()).allMatch(
				port -> port >= FreePorts.LOWEST && (port < ephemeral.low() || port > ephemeral.high()),
				"outside " + ephemeral);
	}

	@Test
	void countsThePortsOnBothSidesOfTheRange() {
		FreePorts.EphemeralRange linux = new FreePorts.EphemeralRange(32768, 60999);

		assertThat(linux.portsOutside()).isEqualTo((32768 - 10_000) + (65535 - 60999));
		assertThat(linux.outsidePort(0)).isEqualTo(10_000);
		assertThat(linux.outsidePort(32768 - 10_000 - 1)).isEqualTo(32767);
		assertThat(linux.outsidePort(32768 - 10_000)).isEqualTo(61000);
		assertThat(linux.outsidePort(linux.portsOutside() - 1)).isEqualTo(65535);
		// a range covering everything from the lowest port on leaves nothing outside it: the kernel picks
		assertThat(new FreePorts.EphemeralRange(1024, 65535).portsOutside()).isZero();
		assertThat(FreePorts.pick(2, new FreePorts.EphemeralRange(1024, 65535), new Random(1))).hasSize(2)
			.doesNotHaveDuplicates();
		// a range below the lowest port: everything from it up is outside
		assertThat(new FreePorts.EphemeralRange(2000, 3000).outsidePort(0)).isEqualTo(10_000);
	}

	@Test
	void skipsAPortThatIsTaken() throws Exception {
		// a range that leaves only the three lowest ports outside it, the middle one taken
		FreePorts.EphemeralRange range = new FreePorts.EphemeralRange(FreePorts.LOWEST + 3, 65535);
		int middle = FreePorts.LOWEST + 1;
		try (ServerSocket taken = new ServerSocket()) {
			try {
				taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), middle));
			}
			catch (IOException ex) {
				Assumptions.abort("port " + middle + " is in use on this machine: " + ex);
			}

			int[] picked = FreePorts.pick(2, range, new Random(7));

			assertThat(picked).hasSize(2).doesNotHaveDuplicates().doesNotContain(middle);
		}
	}

	@Test
	void readsTheRangeOrNothing(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("ip_local_port_range");
		Files.writeString(file, "32768\t60999\n");
		assertThat(FreePorts.EphemeralRange.read(file)).isEqualTo(new FreePorts.EphemeralRange(32768, 60999));
		Files.writeString(file, "nonsense");
		assertThat(FreePorts.EphemeralRange.read(file)).isNull();
		assertThat(FreePorts.EphemeralRange.read(dir.resolve("missing"))).isNull();
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
