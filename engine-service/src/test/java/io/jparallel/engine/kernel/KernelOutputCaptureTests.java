package io.jparallel.engine.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KernelOutputCaptureTests {

	private final OutputCapture capture = OutputCapture.install();

	@Test
	void installingTwiceKeepsOneCapture() {
		assertThat(OutputCapture.install()).isSameAs(this.capture);
	}

	@Test
	void theEnginesOwnLogLinesStayOutOfARequestsOutput() {
		assertThat(ConsoleLogStreams.keepOnOriginalStreams(this.capture)).as("console appenders").isPositive();
		try (OutputCapture.Capture c = this.capture.begin()) {
			org.slf4j.LoggerFactory.getLogger(KernelOutputCaptureTests.class).warn("an engine log line");
			System.out.print("the user's line");

			assertThat(c.stdout()).isEqualTo("the user's line");
			assertThat(c.stderr()).isEmpty();
		}
	}

	@Test
	void capturesOutputOfTheThreadAndOfThreadsItStarts() throws Exception {
		try (OutputCapture.Capture c = this.capture.begin()) {
			System.out.print("main;");
			Thread child = new Thread(() -> System.out.print("child;"));
			child.start();
			child.join();
			System.err.print("error");

			assertThat(c.stdout()).isEqualTo("main;child;");
			assertThat(c.stderr()).isEqualTo("error");
		}
	}

	@Test
	void threadsOutsideTheRequestAreNotCaptured() throws Exception {
		ExecutorService outsider = Executors.newSingleThreadExecutor();
		try {
			// the outsider thread exists before the capture begins, like an AMQP client thread
			outsider.submit(() -> { }).get(10, TimeUnit.SECONDS);
			CountDownLatch written = new CountDownLatch(1);
			try (OutputCapture.Capture c = this.capture.begin()) {
				outsider.submit(() -> {
					System.out.print("");
					System.out.print("outsider-log-line");
					written.countDown();
				});
				assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
				System.out.print("request");

				assertThat(c.stdout()).isEqualTo("request");
			}
		}
		finally {
			outsider.shutdownNow();
		}
	}

	@Test
	void aThreadStartedInOneRequestWritesIntoTheRequestRunningNow() throws Exception {
		ExecutorService pool;
		try (OutputCapture.Capture first = this.capture.begin()) {
			pool = Executors.newSingleThreadExecutor();
			pool.submit(() -> System.out.print("one")).get(10, TimeUnit.SECONDS);
			assertThat(first.stdout()).isEqualTo("one");
		}
		try (OutputCapture.Capture second = this.capture.begin()) {
			CompletableFuture.runAsync(() -> System.out.print("two"), pool).get(10, TimeUnit.SECONDS);
			assertThat(second.stdout()).isEqualTo("two");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void capturesNestAndOutputIsReadableAfterClose() {
		OutputCapture.Capture outer = this.capture.begin();
		System.out.print("a");
		try (OutputCapture.Capture inner = this.capture.begin()) {
			System.out.print("b");
			assertThat(inner.stdout()).isEqualTo("b");
		}
		System.out.print("c");
		outer.close();

		assertThat(outer.stdout()).isEqualTo("ac");
	}

}
