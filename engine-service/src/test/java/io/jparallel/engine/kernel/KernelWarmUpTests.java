package io.jparallel.engine.kernel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.jparallel.engine.kernel.KernelConfiguration.KernelWarmUp;
import io.jparallel.engine.requests.RequestActivity;

import static org.assertj.core.api.Assertions.assertThat;

class KernelWarmUpTests {

	/** Requests come every 50 ms in the first test: only a stall of twelve ticks could end the spell early. */
	private static final Duration QUIET = Duration.ofMillis(600);

	@Test
	void theWarmUpWaitsUntilNoRequestHasComeForTheQuietSpell() throws Exception {
		RequestActivity activity = new RequestActivity();
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity, () -> 0.1);
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
	void theWarmUpWaitsWhileTheMachineIsBusyWithOtherWork() throws Exception {
		RequestActivity activity = new RequestActivity();
		AtomicReference<Double> load = new AtomicReference<>(0.9);
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity, load::get);
		CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
			try {
				warmUp.awaitQuiet();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});

		Thread.sleep(QUIET.plus(KernelWarmUp.POLL.multipliedBy(3)).toMillis());
		assertThat(waited).as("done while the machine was busy").isNotDone();

		load.set(0.2);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(waited::isDone);
	}

	@Test
	void aMomentOfIdleCoresBetweenBusyOnesIsNotAQuietSpell() throws Exception {
		RequestActivity activity = new RequestActivity();
		AtomicInteger polls = new AtomicInteger();
		AtomicBoolean steady = new AtomicBoolean();
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity,
				() -> (steady.get() || polls.incrementAndGet() % 3 == 0) ? 0.1 : 0.9);
		CompletableFuture<Void> waited = CompletableFuture.runAsync(() -> {
			try {
				warmUp.awaitQuiet();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});

		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> polls.get() > 2 * KernelWarmUp.QUIET_POLLS);
		assertThat(waited).as("done on an idle poll between busy ones").isNotDone();

		steady.set(true);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(waited::isDone);
	}

	@Test
	void anEngineThatTookNoRequestWarmsUpOnceQuietSinceItsStart() throws Exception {
		RequestActivity activity = new RequestActivity();
		KernelWarmUp warmUp = new KernelWarmUp(null, QUIET, activity, () -> 0.1);

		warmUp.awaitQuiet();

		assertThat(activity.quietFor()).isGreaterThanOrEqualTo(QUIET);
	}

}
