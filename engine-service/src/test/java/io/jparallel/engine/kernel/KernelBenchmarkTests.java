package io.jparallel.engine.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/** Timings of the kernel's basic operations: {@code -Djparallel.benchmarks=true -Dtest=KernelBenchmarkTests}. */
@EnabledIfSystemProperty(named = "jparallel.benchmarks", matches = "true")
class KernelBenchmarkTests {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@Test
	void measureKernelOperations() {
		long start = System.nanoTime();
		try (JShellKernel kernel = new JShellKernel(getClass().getClassLoader())) {
			long created = System.nanoTime();
			kernel.warmUp();
			long warmedUp = System.nanoTime();
			report("create kernel", created - start);
			report("first eval (warmUp)", warmedUp - created);

			kernel.execute("int counter = 0;");
			// the benchmark's execute_all statement: a declaration, run again and again
			int declarations = 50;
			long d0 = System.nanoTime();
			long dcpu0 = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < declarations; i++) {
				assertThat(kernel.execute("int x = 1;").ok()).isTrue();
			}
			report("execute 'int x = 1;' again (mean of " + declarations + ")", (System.nanoTime() - d0) / declarations);
			report("  same, CPU time of the calling thread", (THREADS.getCurrentThreadCpuTime() - dcpu0) / declarations);
			jdk.jshell.SourceCodeAnalysis analysis = jdk.jshell.JShell.create().sourceCodeAnalysis();
			d0 = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				analysis.analyzeCompletion("int x = 1;");
			}
			report("  of which analyzeCompletion (mean of 1000)", (System.nanoTime() - d0) / 1000);
			int runs = 200;
			long t0 = System.nanoTime();
			long cpu0 = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < runs; i++) {
				assertThat(kernel.execute("counter += 1;").ok()).isTrue();
			}
			report("trivial execute 'counter += 1;' (mean of " + runs + ")", (System.nanoTime() - t0) / runs);
			report("  same, CPU time of the calling thread", (THREADS.getCurrentThreadCpuTime() - cpu0) / runs);
			// an expression statement is compiled twice by JShell (once to find its type), a block once
			t0 = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				assertThat(kernel.execute("{ counter += 1; }").ok()).isTrue();
			}
			report("trivial execute '{ counter += 1; }' (mean of " + runs + ")", (System.nanoTime() - t0) / runs);

			t0 = System.nanoTime();
			for (int i = 0; i < 50; i++) {
				kernel.push(Map.of("small" + i, i));
			}
			report("push new Integer variable (mean of 50)", (System.nanoTime() - t0) / 50);
			t0 = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				kernel.push(Map.of("small0", i));
			}
			report("push existing Integer variable (mean of 1000)", (System.nanoTime() - t0) / 1000);
			t0 = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				kernel.pull(List.of("counter"));
			}
			report("pull one variable (mean of 1000)", (System.nanoTime() - t0) / 1000);

			double[] big = new double[100 * 1024 * 1024 / 8];
			t0 = System.nanoTime();
			kernel.push(Map.of("big", big));
			report("push 100 MB double[] (new variable)", System.nanoTime() - t0);
			double[] replacement = new double[big.length];
			t0 = System.nanoTime();
			kernel.push(Map.of("big", replacement));
			report("push 100 MB double[] (existing variable)", System.nanoTime() - t0);
			t0 = System.nanoTime();
			Object pulled = kernel.pull(List.of("big")).get("big");
			report("pull 100 MB double[]", System.nanoTime() - t0);
			assertThat(((double[]) pulled)).hasSize(big.length);
			t0 = System.nanoTime();
			ExecutionOutcome outcome = kernel.execute("double[] made = new double[13_107_200]; made");
			report("execute creating+displaying a 100 MB double[]", System.nanoTime() - t0);
			assertThat(outcome.display()).endsWith(", ... }");
			t0 = System.nanoTime();
			kernel.reset();
			kernel.warmUp();
			report("reset + warmUp", System.nanoTime() - t0);
		}
	}

	private static void report(String what, long nanos) {
		System.out.printf("KERNEL-BENCH %-50s %10.3f ms%n", what, nanos / 1e6);
	}

}
