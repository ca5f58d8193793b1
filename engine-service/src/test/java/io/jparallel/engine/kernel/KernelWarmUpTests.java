package io.jparallel.engine.kernel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.jparallel.engine.kernel.KernelConfiguration.KernelWarmUp;
import io.jparallel.engine.requests.RequestActivity;

import static org.assertj.core.api.Assertions.assertThat;

class KernelWarmUpTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Test
	void theWarmUpWaitsUntilNoRequestHasComeForTheQuietSpell() throws Exception {
		RequestActivity activity = new RequestActivity();
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity);
		ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor();
		try {
			requests.scheduleAtFixedRate(activity::requestTaken, 0, 50, TimeUnit.MILLISECONDS);
			CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(() -> {
				try {
					warmUp.awaitQuiet();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return activity.quietFor();
			});

			Thread.sleep(QUIET.multipliedBy(3).toMillis());
			assertThat(waited).as("done while requests kept coming").isNotDone();

			requests.shutdownNow();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(waited::isDone);
			assertThat(waited.get()).isGreaterThanOrEqualTo(QUIET);
		}
		finally {
			requests.shutdownNow();
		}
	}

	@Test
	void anEngineThatTookNoRequestWarmsUpOnceQuietSinceItsStart() throws Exception {
		RequestActivity activity = new RequestActivity();
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity);

		warmUp.awaitQuiet();

		assertThat(activity.quietFor()).isGreaterThanOrEqualTo(QUIET);
	}

}
