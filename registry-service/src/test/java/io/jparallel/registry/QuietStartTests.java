package io.jparallel.registry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuietStartTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@Test
	void startsAtOnceWithoutALongestWait() throws InterruptedException {
		Loads loads = new Loads(0.9, 0.9, 0.9);
		Duration held = new QuietStart(Duration.ZERO, Duration.ofMillis(1), loads).await(this.out);
		assertThat(held).isZero();
		assertThat(loads.asked).isZero();
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void waitsForSixQuietPollsInARow() throws InterruptedException {
		// the first reading only starts the measure; then busy, five quiet, busy, six quiet
		Loads loads = new Loads(1.0, 0.9, 0.2, 0.2, 0.2, 0.2, 0.2, 0.8, 0.3, 0.2, 0.2, 0.2, 0.2, 0.1, 0.0);
		new QuietStart(Duration.ofSeconds(30), Duration.ofMillis(1), loads).await(this.out);
		assertThat(loads.asked).isEqualTo(14);
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).startsWith("Registry start held ")
			.contains("until the machine was quiet (10 % of its CPU)");
	}

	@Test
	void startsAnywayWhenTheMachineStaysBusy() throws InterruptedException {
		Loads loads = new Loads(List.of(0.95), 0.95);
		Duration held = new QuietStart(Duration.ofMillis(50), Duration.ofMillis(5), loads).await(this.out);
		assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		assertThat(this.printed.toString(StandardCharsets.UTF_8))
			.isEqualTo("Registry start: the machine still busy after 0 s (95 % of its CPU), starting anyway\n");
	}

	@Test
	void isOffUnlessTheSystemPropertyIsSet() throws InterruptedException {
		assertThat(System.getProperty(QuietStart.PROPERTY)).isNull();
		assertThat(QuietStart.fromSystemProperties().await(this.out)).isZero();
	}

	@Test
	void aValueThatIsNotANumberOfSecondsIsReportedAndTheRegistryStartsAtOnce() throws InterruptedException {
		QuietStart start = QuietStart.fromProperty("30s", this.out);
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).isEqualTo(
				"Registry start: jparallel.registry.start-when-quiet=30s is not a number of seconds; starting at once\n");
		assertThat(start.await(this.out)).isZero();
	}

	/** Readings of the machine's CPU in order, then {@code rest} for ever. */
	private static final class Loads implements DoubleSupplier {

		private final Queue<Double> readings;

		private final double rest;

		private int asked;

		Loads(double... readings) {
			this.readings = new ArrayDeque<>();
			for (double reading : readings) {
				this.readings.add(reading);
			}
			this.rest = 0;
		}

		Loads(List<Double> readings, double rest) {
			this.readings = new ArrayDeque<>(readings);
			this.rest = rest;
		}

		@Override
		public double getAsDouble() {
			this.asked++;
			Double next = this.readings.poll();
			return (next != null) ? next : this.rest;
		}

	}

}
