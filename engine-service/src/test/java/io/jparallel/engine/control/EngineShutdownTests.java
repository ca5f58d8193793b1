package io.jparallel.engine.control;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EngineShutdownTests {

	private final AtomicInteger interrupts = new AtomicInteger();

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	private final AtomicInteger halts = new AtomicInteger();

	@Test
	void interruptsTheWorkClosesTheContextAndExitsWithStatusZero() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		EngineShutdown shutdown = shutdown(context, Duration.ofMinutes(1));

		shutdown.shutDown();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.exitCode).hasValue(0));
		assertThat(context.isActive()).isFalse();
		assertThat(this.interrupts).hasValue(1);
		assertThat(this.halts).hasValue(0);
	}

	@Test
	void onlyTheFirstRequestShutsDown() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		EngineShutdown shutdown = shutdown(context, Duration.ofMinutes(1));

		shutdown.shutDown();
		shutdown.shutDown();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.exitCode).hasValue(0));
		assertThat(this.interrupts).hasValue(1);
		assertThat(shutdown.isRequested()).isTrue();
	}

	@Test
	void theJvmIsHaltedWhenClosingTakesLongerThanTheGracePeriod() {
		GenericApplicationContext context = new GenericApplicationContext();
		CountDownLatch release = new CountDownLatch(1);
		context.registerBean("hangsOnClose", AutoCloseable.class, () -> release::await);
		context.refresh();
		EngineShutdown shutdown = shutdown(context, Duration.ofMillis(200));

		shutdown.shutDown();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.halts).hasValue(1));
		release.countDown();
	}

	private EngineShutdown shutdown(GenericApplicationContext context, Duration gracePeriod) {
		return new EngineShutdown(context, this.interrupts::incrementAndGet, gracePeriod, this.exitCode::set,
				code -> this.halts.incrementAndGet());
	}

}
