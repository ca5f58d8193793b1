package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code jpcluster console} in a real terminal (tmux) against 4 engines: what a user types, what the
 * screen then shows. The steps run in order in one console session, as a user would type them. The last
 * screen is saved as {@code launcher/target/console.png} (and as {@code docs/images/console.png} when
 * {@code JPARALLEL_UPDATE_DOCS=1}).
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIntegrationTests {

	private static final int COLUMNS = 150;

	private static final int ROWS = 46;

	private static final Pattern PROMPT = Pattern.compile("(?m)^(\\[px\\] )?In \\[(\\d+)\\]:( |$)");

	private final Path home = Path.of("").toAbsolutePath().getParent();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).withoutClient().build();

	private TmuxTerminal terminal;

	private int prompt = 1;

	@BeforeAll
	void startConsole() throws Exception {
		this.terminal = new TmuxTerminal(CLUSTER.dir(), COLUMNS, ROWS, "cd " + this.home
				+ " && exec bin/jpcluster console --profile-dir " + CLUSTER.process().profileDir());
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
			.until(() -> lastPrompt(this.terminal.history()) == 1);
	}

	@AfterAll
	void stopConsole() throws Exception {
		if (this.terminal != null) {
			System.out.println("---- the console's whole session ----");
			System.out.println(this.terminal.history().stripTrailing());
			System.out.println("---- end of the session ----");
			this.terminal.typeLine("/exit");
			this.terminal.close();
		}
	}

	@Test
	@Order(1)
	void theBannerNamesTheClusterAndALocalSnippetSeesTheBoundClient() throws Exception {
		assertThat(this.terminal.history()).contains("JShell with a client connected to cluster "
				+ CLUSTER.process().connectionInfo().clusterId() + ", engines [0, 1, 2, 3]");
		assertThat(type("rc.ids()")).contains("$1 ==> [0, 1, 2, 3]");
	}

	@Test
	@Order(2)
	void pxRunsOnEveryEngineAndEachEnginesStdoutIsPrefixedWithItsId() throws Exception {
		assertThat(type("%px var pid = ProcessHandle.current().pid();")).isBlank();
		String output = type("%px System.out.println(\"hello from \" + pid);");

		Map<Integer, Long> pids = new HashMap<>();
		Matcher line = Pattern.compile("(?m)^\\[stdout:(\\d)\\] hello from (\\d+)$").matcher(output);
		while (line.find()) {
			pids.put(Integer.parseInt(line.group(1)), Long.parseLong(line.group(2)));
		}
		assertThat(pids).as(output).containsOnlyKeys(0, 1, 2, 3);
		assertThat(pids.values()).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
	}

	@Test
	@Order(3)
	void anExpressionsValueShowsPerEngineAsOut() throws Exception {
		String output = type("%px 6 * 7");

		assertThat(output.lines().toList()).hasSize(4)
			.allSatisfy(l -> assertThat(l).matches("Out\\[[0-3]:\\d+\\]: 42"));
	}

	@Test
	@Order(4)
	void autopxSendsEveryInputToTheEnginesUntilTurnedOff() throws Exception {
		assertThat(type("%autopx")).contains("%autopx enabled");
		String output = type("System.err.println(\"pid \" + pid + \" on stderr\");");
		assertThat(type("%autopx")).contains("%autopx disabled");

		assertThat(output.lines().toList()).hasSize(4)
			.allSatisfy(l -> assertThat(l).matches("\\[stderr:[0-3]\\] pid \\d+ on stderr"));
		assertThat(type("pid")).as("pid exists on the engines only").contains("cannot find symbol");
	}

	@Test
	@Order(5)
	void aCellPxBlockRunsItsLinesOnTheEngines() throws Exception {
		this.terminal.typeLine("%%px");
		this.terminal.typeLine("int twice(int x) {");
		this.terminal.typeLine("    return 2 * x;");
		this.terminal.typeLine("}");
		String output = type("System.out.println(\"twice 21 is \" + twice(21));", "");

		assertThat(output).contains("[stdout:0] twice 21 is 42", "[stdout:1] twice 21 is 42",
				"[stdout:2] twice 21 is 42", "[stdout:3] twice 21 is 42");
	}

	@Test
	@Order(6)
	void targetsChooseTheEngines() throws Exception {
		String output = type("%px --targets 1,3 System.out.println(\"odd \" + pid);");

		assertThat(output.lines().toList()).hasSize(2);
		assertThat(output).contains("[stdout:1] odd ", "[stdout:3] odd ").doesNotContain("[stdout:0]", "[stdout:2]");
	}

	@Test
	@Order(7)
	void noblockReturnsAtOnceAndPxresultShowsTheOutputOnceReady() throws Exception {
		String pending = type("%px --noblock --targets ::2 Thread.sleep(1500); \"slept on \" + pid");
		assertThat(pending).contains("<AsyncResult(%px): pending on engines [0, 2]");
		assertThat(pending).doesNotContain("Out[");

		String output = type("%pxresult");
		assertThat(output.lines().toList()).hasSize(2)
			.allSatisfy(l -> assertThat(l).matches("Out\\[[02]:\\d+\\]: \"slept on \\d+\""));
	}

	@Test
	@Order(8)
	void anErrorOnEveryEngineReadsAsIpyparallels() throws Exception {
		String output = type("%px 1/0;");

		assertThat(output.lines().toList()).containsExactly(
				"[0:execute]: java.lang.ArithmeticException: / by zero",
				"[1:execute]: java.lang.ArithmeticException: / by zero",
				"[2:execute]: java.lang.ArithmeticException: / by zero",
				"[3:execute]: java.lang.ArithmeticException: / by zero");
	}

	@Test
	@Order(10)
	void localLambdasRunOnTheEnginesThroughTheBoundViews() throws Exception {
		assertThat(type("Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;")).startsWith("mul ==> ");
		assertThat(type("rc.get(0).applySync(mul, 5, 6)")).contains("==> 30");
		assertThat(type("dview.applySync(mul, 5, 6)")).contains("==> [30, 30, 30, 30]");
		assertThat(type("lview.mapSync(x -> x * x, List.of(1, 2, 3, 4))")).contains("==> [1, 4, 9, 16]");
		assertThat(type("%px --targets 0 Thread.currentThread().getName().isEmpty()")).matches("Out\\[0:\\d+\\]: false\\s*");
	}

	@Test
	@Order(11)
	void theScreenIsSavedAsAScreenshot() throws Exception {
		assertThat(type("%help")).contains("%px [--targets T]", "%autopx", "%pxresult");
		this.terminal.clearScreen();
		type("rc.ids()");
		type("%px System.out.println(\"hello from \" + pid);");
		this.terminal.typeLine("%%px --targets 1::2");
		this.terminal.typeLine("long sum = 0;");
		this.terminal.typeLine("for (int i = 1; i <= 10; i++) {");
		this.terminal.typeLine("    sum += i * i;");
		this.terminal.typeLine("}");
		type("System.out.println(\"engine pid \" + pid + \": sum of squares \" + sum);", "");
		type("%px Math.floorMod(pid, 7)");
		type("%px 1/0;");
		type("Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;");
		type("rc.get(0).applySync(mul, 5, 6)");
		type("lview.mapSync(x -> x * x, List.of(1, 2, 3, 4))");
		type("%autopx");
		type("System.err.println(\"careful, \" + pid);");
		type("%autopx");
		String screen = this.terminal.screenWithColours();
		assertThat(screen).contains("\u001b[");
		if (!TerminalScreenshot.available()) {
			System.out.println("No Chromium at " + TerminalScreenshot.CHROMIUM + ": no screenshot");
			return;
		}
		Path png = this.home.resolve("launcher/target/console.png");
		TerminalScreenshot.write(screen, COLUMNS, ROWS, png);
		assertThat(Files.size(png)).isGreaterThan(10_000);
		if ("1".equals(System.getenv("JPARALLEL_UPDATE_DOCS"))) {
			Files.copy(png, this.home.resolve("docs/images/console.png"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		System.out.println("Screenshot: " + png);
	}

	@Test
	@Order(9)
	void ctrlCCancelsTheRunningPxAndTheEngineGoesOn() throws Exception {
		Path started = Files.createTempDirectory(Path.of("/tmp"), "jpc").resolve("started");
		this.terminal.typeLine("%px --targets 0 Files.createFile(Path.of(\"" + started + "\")); Thread.sleep(60_000); \"done\"");
		// the engine runs it, so the console waits for it
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(started));
		this.terminal.interrupt();
		String interrupted = type();
		// the terminal echoes ^C
		assertThat(interrupted).endsWith(
				"Interrupted: the unfinished requests were cancelled; %pxresult shows how each ended");

		assertThat(type("%pxresult")).startsWith("[0:execute]: TaskAborted: cancelled while running on engine 0");
		assertThat(type("%px --targets 0 \"still serving on \" + pid")).matches("Out\\[0:\\d+\\]: \"still serving on \\d+\"");
	}

	/** Types {@code lines} as one input and returns what the console printed before its next prompt. */
	private String type(String... lines) throws Exception {
		int expected = this.prompt + 1;
		for (String line : lines) {
			this.terminal.typeLine(line);
		}
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> lastPrompt(this.terminal.history()) >= expected);
		this.prompt = expected;
		String history = this.terminal.history();
		int from = promptStart(history, expected - 1);
		int to = promptStart(history, expected);
		String block = history.substring(from, to);
		List<String> blockLines = block.lines().toList();
		// drop the echoed input (the prompt line and its continuation lines)
		int firstOutput = 1;
		while (firstOutput < blockLines.size() && blockLines.get(firstOutput).startsWith("   ...: ")) {
			firstOutput++;
		}
		return String.join("\n", blockLines.subList(firstOutput, blockLines.size())).strip();
	}

	private static int promptStart(String history, int number) {
		Matcher matcher = PROMPT.matcher(history);
		int start = -1;
		while (matcher.find()) {
			if (Integer.parseInt(matcher.group(2)) == number) {
				start = matcher.start();
			}
		}
		if (start < 0) {
			throw new IllegalStateException("No prompt " + number + " in:\n" + history);
		}
		return start;
	}

	private static int lastPrompt(String history) {
		Matcher matcher = PROMPT.matcher(history);
		int last = 0;
		while (matcher.find()) {
			last = Integer.parseInt(matcher.group(2));
		}
		return last;
	}

}
