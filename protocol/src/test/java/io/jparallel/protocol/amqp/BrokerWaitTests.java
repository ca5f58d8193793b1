package io.jparallel.protocol.amqp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpConnectException;

import io.jparallel.protocol.broker.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerWaitTests {

	private static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();

	@Test
	void aRefusedConnectionIsToldFromOtherFailures() {
		assertThat(BrokerWait.refused(new AmqpConnectException(new ConnectException("Connection refused")))).isTrue();
		assertThat(BrokerWait.refused(new AmqpAuthenticationException(new IOException("ACCESS_REFUSED")))).isFalse();
	}

	@Test
	void aPortThatOpensWhileWaitingIsSeen() throws Exception {
		int port = FreePorts.pick();
		CompletableFuture<ServerSocket> opened = CompletableFuture.supplyAsync(() -> {
			try {
				return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		try {
			assertThat(BrokerWait.portOpened("127.0.0.1", port, TEN_SECONDS)).isTrue();
		}
		finally {
			opened.get(10, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void aPortOpenFromTheStartIsNoReasonToRetryAtOnce() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThat(BrokerWait.portOpened("127.0.0.1", server.getLocalPort(), TEN_SECONDS)).isFalse();
		}
	}

	@Test
	void aPortThatStaysClosedEndsTheWaitAtItsLimit() {
		assertThat(BrokerWait.portOpened("127.0.0.1", FreePorts.pick(), Duration.ofMillis(200).toNanos())).isFalse();
	}

}
