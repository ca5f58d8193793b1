package io.jparallel.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jparallel.client.internal.Submission;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTests {

	private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	@AfterEach
	void stop() {
		this.replies.shutdownNow();
	}

	@Test
	void theLineShowsTheBarTheCountAndTheTime() {
		assertThat(ProgressBar.line(512, 1000, Duration.ofMillis(3240)))
			.isEqualTo("[" + "=".repeat(15) + ">" + " ".repeat(14) + "] 512/1000 tasks 3.2 s");
		assertThat(ProgressBar.line(0, 4, Duration.ZERO)).isEqualTo("[>" + " ".repeat(29) + "] 0/4 tasks 0.0 s");
		assertThat(ProgressBar.line(4, 4, Duration.ofSeconds(12))).isEqualTo("[" + "=".repeat(30) + "] 4/4 tasks 12.0 s");
	}

	@Test
	void waitingRedrawsTheLineInPlaceAndEndsIt() {
		List<Submission> submissions = List.of(submission(), submission());
		AsyncResult<List<Object>> result = new AsyncResult<>(submissions, false, reply -> null, List::copyOf);
		this.replies.schedule(() -> answer(submissions.get(0)), 150, TimeUnit.MILLISECONDS);
		this.replies.schedule(() -> answer(submissions.get(1)), 450, TimeUnit.MILLISECONDS);

		boolean ready = new ProgressBar(new PrintStream(this.printed, true, StandardCharsets.UTF_8),
				Duration.ofMillis(100)).waitFor(result, Duration.ofSeconds(10));

		String text = this.printed.toString(StandardCharsets.UTF_8);
		assertThat(ready).isTrue();
		assertThat(text).startsWith("\r[>").endsWith(System.lineSeparator()).doesNotContain("\n\r");
		String[] frames = text.strip().split("\r");
		assertThat(frames.length).isBetween(3, 12);
		assertThat(frames[frames.length - 1]).startsWith("[" + "=".repeat(30) + "] 2/2 tasks");
		assertThat(text).contains("1/2 tasks");
	}

	@Test
	void waitingStopsAtTheTimeout() {
		AsyncResult<List<Object>> result = new AsyncResult<>(List.of(submission()), false, reply -> null, List::copyOf);

		boolean ready = new ProgressBar(new PrintStream(this.printed, true, StandardCharsets.UTF_8),
				Duration.ofMillis(50)).waitFor(result, Duration.ofMillis(120));

		assertThat(ready).isFalse();
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).contains("0/1 tasks").endsWith(System.lineSeparator());
	}

	@Test
	void withoutATerminalItPrintsPlainLinesAtTheStartAndTheEnd() {
		List<Submission> submissions = List.of(submission(), submission());
		AsyncResult<List<Object>> result = new AsyncResult<>(submissions, false, reply -> null, List::copyOf);
		this.replies.schedule(() -> answer(submissions.get(0)), 100, TimeUnit.MILLISECONDS);
		this.replies.schedule(() -> answer(submissions.get(1)), 300, TimeUnit.MILLISECONDS);

		boolean ready = new ProgressBar(new PrintStream(this.printed, true, StandardCharsets.UTF_8),
				Duration.ofMillis(50), false).waitFor(result, Duration.ofSeconds(10));

		String text = this.printed.toString(StandardCharsets.UTF_8);
		assertThat(ready).isTrue();
		assertThat(text).doesNotContain("\r").doesNotContain("[");
		assertThat(text.lines().toList()).hasSize(2).satisfies(lines -> {
			assertThat(lines.get(0)).startsWith("0/2 tasks done (");
			assertThat(lines.get(1)).startsWith("2/2 tasks done (");
		});
	}

	@Test
	void theBarIsDrawnOnlyOnATerminalThatIsNotDumbUnlessForced() {
		assertThat(ProgressBar.isTerminal(null, "xterm", null)).isFalse();
		assertThat(ProgressBar.isTerminal("bar", "xterm", null)).isTrue();
		assertThat(ProgressBar.isTerminal("lines", "xterm", System.console())).isFalse();
		assertThat(ProgressBar.plainLine(512, 1000, Duration.ofMillis(3240))).isEqualTo("512/1000 tasks done (3.2 s)");
	}

	private static Submission submission() {
		return new Submission("msg-" + System.nanoTime(), Instant.now(), 0, new CompletableFuture<>());
	}

	private static void answer(Submission submission) {
		submission.reply().complete(FakeDispatcher.reply(submission.msgId(), 0,
				Map.of(MetadataKeys.STATUS, MetadataKeys.STATUS_OK), Map.of(), List.of()));
	}

}
