package io.jparallel.launcher.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.jparallel.client.Client;
import io.jparallel.client.JParallelException;
import io.jparallel.protocol.connection.ConnectionInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class EarlyClientTests {

	private static final ConnectionInfo INFO = new ConnectionInfo("c", "amqp://127.0.0.1:1",
			"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", null, null);

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@Test
	void theClientThatConnectedWhileTheClusterStartedIsHandedOutAndSaysWhen() {
		Client client = mock(Client.class);
		EarlyClient early = new EarlyClient(this.out, info -> client);

		early.connect(INFO);

		assertThat(early.await(INFO, Duration.ofSeconds(10))).isSameAs(client);
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).matches("client connected \\(\\d+\\.\\d s\\)\\R");
		early.discard();
		verify(client, never()).close();
	}

	@Test
	void aFailedEarlyConnectIsTriedAgainAfterTheStart() {
		Client client = mock(Client.class);
		AtomicInteger attempts = new AtomicInteger();
		EarlyClient early = new EarlyClient(this.out, info -> {
			if (attempts.incrementAndGet() == 1) {
				throw new JParallelException("The hub did not answer the engine list request");
			}
			return client;
		});

		early.connect(INFO);

		assertThat(early.await(INFO, Duration.ofSeconds(10))).isSameAs(client);
		assertThat(attempts).hasValue(2);
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).contains(
				"Connecting while the cluster started failed (The hub did not answer the engine list request); "
						+ "connecting again");
	}

	@Test
	void withoutAnEarlyConnectTheClientConnectsWhenAsked() {
		Client client = mock(Client.class);
		EarlyClient early = new EarlyClient(this.out, info -> client);

		assertThat(early.await(INFO, Duration.ofSeconds(1))).isSameAs(client);
	}

	@Test
	void aClientNoLongerWantedIsClosedWhetherItConnectedBeforeOrAfter() throws Exception {
		Client before = mock(Client.class);
		EarlyClient connected = new EarlyClient(this.out, info -> before);
		connected.connect(INFO);
		await().until(() -> this.printed.size() > 0);
		connected.discard();
		await().untilAsserted(() -> verify(before).close());

		Client after = mock(Client.class);
		CountDownLatch release = new CountDownLatch(1);
		EarlyClient slow = new EarlyClient(this.out, info -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return after;
		});
		slow.connect(INFO);
		slow.discard();
		release.countDown();
		await().untilAsserted(() -> verify(after).close());
	}

}
