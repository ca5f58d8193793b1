package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import io.jparallel.protocol.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambdas typed in {@code jpcluster console} that read JShell top-level variables (static fields of
 * JShell's wrapper classes) see the session's values on the engines, at each call: the inputs are piped
 * to a real {@code bin/jpcluster console} against 2 engines, and each input's output is checked.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ConsoleVariablesIntegrationTests {

	private static final Pattern PROMPT = Pattern.compile("(?m)In \\[(\\d+)\\]: ");

	private final Path home = Path.of("").toAbsolutePath().getParent();

	private Path dir;

	private JpclusterProcess cluster;

	@BeforeAll
	void startCluster() throws Exception {
		this.dir = Files.createTempDirectory("jparallel-console-variables");
		this.cluster = new JpclusterProcess(this.dir);
		this.cluster.start("-n", "2", "--broker", TestBroker.uri(), "--cluster-id", TestBroker.uniqueClusterId());
	}

	@AfterAll
	void stopCluster() throws Exception {
		if (this.cluster != null) {
			this.cluster.run("stop");
		}
	}

	@Test
	void lambdasSeeTheSessionsVariablesOnTheEngines() throws Exception {
		Map<Integer, String> out = console(List.of(
				"int k = 5;",                                                         // 1
				"rc.get(0).applySync(() -> k * 2)",                                   // 2
				"k = 7;",                                                             // 3
				"rc.all().applySync(() -> k * 2)",                                    // 4
				"var list = List.of(1, 2, 3);",                                       // 5
				"rc.get(0).applySync(() -> list.size())",                             // 6
				"int m = 3;",                                                         // 7
				"int times(int x) { return x * m; }",                                 // 8
				"int twice(int x) { return times(x) + k; }",                          // 9
				"rc.get(1).applySync((Integer x) -> twice(x), 4)",                    // 10
				"lview.mapSync((Integer x) -> x * k + list.size(), List.of(1, 2, 3, 4))", // 11
				"rc.broadcastView().applySync(() -> k + m)",                          // 12
				"lview.applySync(() -> k * m)",                                       // 13
				"Thread worker = new Thread(() -> { });",                             // 14
				"rc.get(0).applySync(() -> worker.getName())",                        // 15
				"rc.get(0).applySync(() -> k + 1)",                                   // 16
				"k = 100;",                                                           // 17
				"rc.all().applySync((Integer x) -> twice(x), 1)"));                   // 18

		assertThat(out.get(2)).isEqualTo("$1 ==> 10");
		assertThat(out.get(4)).isEqualTo("$2 ==> [14, 14]");
		assertThat(out.get(6)).isEqualTo("$3 ==> 3");
		assertThat(out.get(10)).as("twice(4) = 4 * m + k").isEqualTo("$4 ==> 19");
		assertThat(out.get(11)).isEqualTo("$5 ==> [10, 17, 24, 31]");
		assertThat(out.get(12)).isEqualTo("$6 ==> [10, 10]");
		assertThat(out.get(13)).isEqualTo("$7 ==> 21");
		assertThat(out.get(15)).startsWith("|  Exception java.lang.IllegalArgumentException: the lambda reads JShell"
				+ " variable 'worker' (java.lang.Thread), which cannot be sent to engines: ");
		assertThat(out.get(16)).as("the engine serves on").isEqualTo("$9 ==> 8");
		assertThat(out.get(18)).isEqualTo("$10 ==> [103, 103]");
	}

	/** Pipes {@code inputs} to {@code bin/jpcluster console}; what it printed after each input, by input number. */
	private Map<Integer, String> console(List<String> inputs) throws Exception {
		Path stdin = this.dir.resolve("console-input.txt");
		Files.writeString(stdin, String.join("\n", inputs) + "\n/exit\n");
		Path stdout = this.dir.resolve("console-output.txt");
		ProcessBuilder builder = new ProcessBuilder(this.home.resolve("bin/jpcluster").toString(), "console")
			.directory(this.home.toFile())
			.redirectInput(stdin.toFile())
			.redirectErrorStream(true)
			.redirectOutput(stdout.toFile());
		builder.environment().put("JPARALLEL_DIR", this.dir.toString());
		builder.environment().remove("JPARALLEL_PROFILE");
		Process console = builder.start();
		if (!console.waitFor(3, TimeUnit.MINUTES)) {
			console.destroyForcibly();
			throw new IllegalStateException("the console did not finish in 3 minutes:\n" + Files.readString(stdout));
		}
		String text = Files.readString(stdout);
		System.out.println("---- the console's session ----\n" + text);
		assertThat(console.exitValue()).as(text).isZero();
		Map<Integer, String> outputs = new LinkedHashMap<>();
		Matcher prompt = PROMPT.matcher(text);
		int number = -1;
		int from = 0;
		while (prompt.find()) {
			if (number > 0) {
				outputs.put(number, text.substring(from, prompt.start()).strip());
			}
			number = Integer.parseInt(prompt.group(1));
			from = prompt.end();
		}
		assertThat(outputs).as(text).hasSize(inputs.size());
		return outputs;
	}

}
