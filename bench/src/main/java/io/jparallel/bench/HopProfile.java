package io.jparallel.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.DirectView;
import io.jparallel.client.ResultMetadata;

/**
 * Where a request's time goes, hop by hop, on a running cluster: for developing latency, not part of the
 * benchmark's figures. Each reply says when its engine started and completed the request (engine clock,
 * the same machine's), so a round trip splits into: out (client sends → engine starts: the client's
 * publish, broker, scheduler, broker, the engine's consumer and hand-off to its runner), engine (start →
 * completed) and back (completed → the client has the reply: the engine's publish, broker, the client's
 * consumer).
 * <pre>
 * java -cp "bench/target/bench.jar:bench/target/lib/*" io.jparallel.bench.HopProfile &lt;client.json&gt; direct 1000
 * java -cp ... io.jparallel.bench.HopProfile &lt;client.json&gt; execute   # the benchmark's sequence before execute
 * java -cp ... io.jparallel.bench.HopProfile &lt;client.json&gt; execute 20 --code='x = Math.max(x, 1);'
 * java -cp ... io.jparallel.bench.HopProfile &lt;client.json&gt; bulk 5     # 100 MB pushes and pulls, each timed
 * java -cp ... io.jparallel.bench.HopProfile &lt;client.json&gt; first-push # the first 100 MB push to each engine
 * java -cp ... io.jparallel.bench.HopProfile &lt;client.json&gt; lb 4       # rounds of applyAsync x5000, client CPU by thread
 * </pre>
 */
public final class HopProfile {

	private HopProfile() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: HopProfile <client connection file> direct [count] | execute [reps] [--no-push] [--code=SNIPPET] | bulk [reps] | first-push | lb [rounds]");
			System.exit(2);
		}
		try (Client rc = Client.connect(Path.of(args[0]))) {
			rc.waitForEngines(1, Duration.ofSeconds(60));
			switch (args[1]) {
				case "direct" -> direct(rc, (args.length > 2) ? Integer.parseInt(args[2]) : 1000);
				case "execute" -> execute(rc, (args.length > 2) ? Integer.parseInt(args[2]) : 20,
						!List.of(args).contains("--no-push"), List.of(args).stream()
							.filter((arg) -> arg.startsWith("--code="))
							.map((arg) -> arg.substring("--code=".length()))
							.findFirst()
							.orElse("int x = 1;"));
				case "bulk" -> bulk(rc, (args.length > 2) ? Integer.parseInt(args[2]) : 5);
				case "first-push" -> firstPushes(rc);
				case "lb" -> loadBalanced(rc, (args.length > 2) ? Integer.parseInt(args[2]) : 4);
				default -> throw new IllegalArgumentException("unknown mode " + args[1]);
			}
		}
	}

	/** Direct round trips to engine 0 after a warm-up: medians and p99 of each hop. */
	static void direct(Client rc, int count) {
		var e0 = rc.get(0);
		for (int i = 0; i < 50; i++) {
			e0.applySync(Functions.NOOP);
		}
		Hops hops = new Hops(count);
		for (int i = 0; i < count; i++) {
			long t = System.nanoTime();
			AsyncResult<Object> ar = e0.applyAsync(Functions.NOOP);
			ar.get();
			long total = System.nanoTime() - t;
			hops.add(total, ar.metadata().get(0));
		}
		hops.print("direct applySync(noop) on engine 0, " + count + " round trips");
	}

	/**
	 * The benchmark's direct round trips, then rounds of its load-balanced {@code applyAsync} x5000: tasks/s of
	 * each and the CPU this client's threads used in it (JIT compiler threads apart from the rest).
	 */
	static void loadBalanced(Client rc, int rounds) throws Exception {
		var e0 = rc.get(0);
		for (int i = 0; i < 1050; i++) {
			e0.applySync(Functions.NOOP);
		}
		var lv = rc.loadBalancedView();
		for (int round = 0; round < rounds; round++) {
			Map<String, Long> before = ThreadCpu.own();
			long t = System.nanoTime();
			List<AsyncResult<Object>> results = new ArrayList<>(5000);
			for (int i = 0; i < 5000; i++) {
				results.add(lv.applyAsync(Functions.NOOP));
			}
			for (AsyncResult<Object> result : results) {
				result.get();
			}
			double seconds = (System.nanoTime() - t) / 1e9;
			System.out.printf("round %d: %.0f tasks/s; client CPU ms by thread: %s%n", round, 5000 / seconds,
					ThreadCpu.difference(before, ThreadCpu.own()));
		}
	}

	/** Pushes and pulls of the benchmark's 100 MB array to engine 0, each with its hops. */
	static void bulk(Client rc, int reps) {
		var e0 = rc.get(0);
		double[] array = randomDoubles(100 * 1024 * 1024 / 8);
		for (int i = 0; i < reps; i++) {
			long t = System.nanoTime();
			AsyncResult<Void> push = e0.push(Map.of("a", array));
			push.get();
			double pushMs = Stats.millis(System.nanoTime() - t);
			t = System.nanoTime();
			AsyncResult<double[]> pull = e0.<double[]>pull("a");
			pull.get();
			double pullMs = Stats.millis(System.nanoTime() - t);
			System.out.printf("%d: push %7.1f ms (%s) | pull %7.1f ms (%s)%n", i, pushMs, hops(push.metadata().get(0)),
					pullMs, hops(pull.metadata().get(0)));
		}
	}

	/**
	 * The first 100 MB push to each engine in turn: the first one with a client that has not moved such a value
	 * yet, the others with one that has, so they show what an engine's first push costs on its own.
	 */
	static void firstPushes(Client rc) {
		double[] array = randomDoubles(100 * 1024 * 1024 / 8);
		for (int id : rc.ids()) {
			long t = System.nanoTime();
			AsyncResult<Void> push = rc.get(id).push(Map.of("a", array));
			push.get();
			System.out.printf("engine %d: first push %7.1f ms (%s)%n", id, Stats.millis(System.nanoTime() - t),
					hops(push.metadata().get(0)));
		}
	}

	private static String hops(ResultMetadata one) {
		return String.format("out %.1f, on engine %.1f, back %.1f", ms(one.submitted(), one.started()),
				ms(one.started(), one.completed()), ms(one.completed(), one.received()));
	}

	private static double[] randomDoubles(int length) {
		double[] array = new double[length];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < array.length; i++) {
			array[i] = random.nextDouble();
		}
		return array;
	}

	/**
	 * The benchmark's sequence up to its execute row (round trips, a 100 MB push and pull of random doubles
	 * to engine 0), then 5 warm-up executes of {@code code} and {@code reps} measured ones, each printed with its
	 * engines' hops.
	 */
	static void execute(Client rc, int reps, boolean push, String code) {
		DirectView all = rc.all();
		var e0 = rc.get(0);
		for (int i = 0; i < 100; i++) {
			e0.applySync(Functions.NOOP);
		}
		if (push) {
			double[] array = randomDoubles(100 * 1024 * 1024 / 8);
			e0.push(Map.of("a", array)).get();
			e0.<double[]>pull("a").get();
			e0.push(Map.of("a", new double[0])).get();
			System.out.println("pushed and pulled 100 MB");
		}
		List<Double> measured = new ArrayList<>();
		for (int i = 0; i < 5 + reps; i++) {
			long t = System.nanoTime();
			AsyncResult<?> ar = all.execute(code);
			ar.get();
			double ms = Stats.millis(System.nanoTime() - t);
			if (i >= 5) {
				measured.add(ms);
			}
			StringBuilder line = new StringBuilder(String.format("%s execute %2d: %7.2f ms |", (i < 5) ? "warm" : "    ", i, ms));
			for (ResultMetadata one : ar.metadata()) {
				line.append(String.format(" e%d out %6.2f run %6.2f back %6.2f;", one.engineId(),
						ms(one.submitted(), one.started()), ms(one.started(), one.completed()),
						ms(one.completed(), one.received())));
			}
			System.out.println(line);
		}
		System.out.printf("execute on all engines: median of %d = %.2f ms%n", reps, Stats.median(measured));
	}

	static double ms(Instant from, Instant to) {
		return (from == null || to == null) ? Double.NaN : Duration.between(from, to).toNanos() / 1e6;
	}

	/** Per-hop samples of round trips. */
	static final class Hops {

		private final double[] total;

		private final double[] out;

		private final double[] engine;

		private final double[] back;

		private int n;

		Hops(int count) {
			this.total = new double[count];
			this.out = new double[count];
			this.engine = new double[count];
			this.back = new double[count];
		}

		void add(long totalNanos, ResultMetadata one) {
			this.total[this.n] = totalNanos / 1e6;
			this.out[this.n] = ms(one.submitted(), one.started());
			this.engine[this.n] = ms(one.started(), one.completed());
			this.back[this.n] = ms(one.completed(), one.received());
			this.n++;
		}

		void print(String title) {
			System.out.println(title);
			System.out.printf("  %-40s %8s %8s %8s%n", "hop", "p50 ms", "p90 ms", "p99 ms");
			row("total (client's clock)", this.total);
			row("out: client -> scheduler -> engine start", this.out);
			row("engine: start -> completed", this.engine);
			row("back: completed -> client has reply", this.back);
		}

		private static void row(String name, double[] values) {
			System.out.printf("  %-40s %8.3f %8.3f %8.3f%n", name, Stats.percentile(values, 50),
					Stats.percentile(values, 90), Stats.percentile(values, 99));
		}

	}

}
