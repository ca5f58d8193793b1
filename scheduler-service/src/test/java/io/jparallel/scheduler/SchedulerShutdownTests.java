package io.jparallel.scheduler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SchedulerShutdownTests {

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	private final AtomicInteger exits = new AtomicInteger();

	@Test
	void closesTheContextAndExitsWithStatusZeroOnce() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		SchedulerShutdown shutdown = new SchedulerShutdown(context, code -> {
			this.exitCode.set(code);
			this.exits.incrementAndGet();
		});

		shutdown.shutDown("test");
		shutdown.shutDown("test again");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.exitCode).hasValue(0));
		assertThat(context.isActive()).isFalse();
		assertThat(this.exits).hasValue(1);
	}

}
