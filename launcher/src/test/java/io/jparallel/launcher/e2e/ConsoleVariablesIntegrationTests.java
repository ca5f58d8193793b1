package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambdas typed in {@code jpcluster console} that read JShell top-level variables (static fields of
 * JShell's wrapper classes) see the session's values on the engines, at each call: the inputs are piped
 * to a real {@code bin/jpcluster console} against 2 engines, and each input's output is checked; the same
 * in a notebook run by {@code jupyter nbconvert --execute} on the {@code jparallel} kernel.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ConsoleVariablesIntegrationTests {

	private static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PROMPT = Pattern.compile("(?m)In \\[(\\d+)\\]: ");

	private final Path home = Path.of("").toAbsolutePath().getParent();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(2).withoutClient().build();

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
				"rc.all().applySync((Integer x) -> twice(x), 1)",                     // 18
				"dview.executor().submit(() -> k * 10).get()",                        // 19
				"dview.executor().invokeAll(List.of((Callable<Integer> & Serializable) () -> k + m)).get(0).get()")); // 20

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
		assertThat(out.get(19)).isEqualTo("$11 ==> 1000");
		assertThat(out.get(20)).as("a Callable the executor wraps").isEqualTo("$12 ==> 103");
	}

	@Test
	void lambdasInANotebookSeeTheKernelsVariables() throws Exception {
		assertThat(NBCONVERT).as("Debian's jupyter-nbconvert (scripts/install-prereqs.sh)").isExecutable();
		Path prefix = CLUSTER.dir().resolve("jupyter");
		JpclusterProcess.Result install = CLUSTER.process().run("kernel", "install", "--prefix", prefix.toString(),
				"--profile-dir", CLUSTER.process().profileDir().toString());
		assertThat(install.exitCode()).as(install.output()).isZero();
		List<String> cells = List.of("int k = 5;\nrc.get(0).applySync(() -> k * 2)",
				"k = 7;\nrc.all().applySync(() -> k * 2)",
				"var words = List.of(\"a\", \"bb\", \"ccc\");\nlview.mapSync((Integer i) -> words.get(i).length() * k, List.of(0, 1, 2))");

		List<String> results = executeNotebook(cells, prefix.resolve("share/jupyter"));

		assertThat(results).containsExactly("10", "[14, 14]", "[7, 14, 21]");
	}

	/** Runs a notebook of these code cells on the jparallel kernel; each cell's result (text/plain). */
	private List<String> executeNotebook(List<String> cells, Path jupyterPath) throws Exception {
		ArrayNode cellNodes = JSON.createArrayNode();
		for (String source : cells) {
			ObjectNode cell = cellNodes.addObject();
			cell.put("cell_type", "code");
			cell.putNull("execution_count");
			cell.putObject("metadata");
			cell.putArray("outputs");
			cell.put("source", source);
		}
		ObjectNode notebook = JSON.createObjectNode();
		notebook.set("cells", cellNodes);
		notebook.putObject("metadata").putObject("kernelspec").put("name", "jparallel")
			.put("display_name", "Java (JParallel)").put("language", "java");
		notebook.put("nbformat", 4);
		notebook.put("nbformat_minor", 4);
		Path input = CLUSTER.dir().resolve("variables.ipynb");
		Files.writeString(input, JSON.writeValueAsString(notebook));
		Path out = CLUSTER.dir().resolve("executed");
		Path log = CLUSTER.dir().resolve("nbconvert.log");
		ProcessBuilder builder = new ProcessBuilder(NBCONVERT.toString(), "--to", "notebook", "--execute",
				"--ExecutePreprocessor.kernel_name=jparallel", "--ExecutePreprocessor.timeout=120",
				"--ExecutePreprocessor.startup_timeout=180", input.toString(), "--output-dir", out.toString(),
				"--output", "variables").redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
		builder.environment().put("JUPYTER_RUNTIME_DIR", CLUSTER.dir().resolve("runtime").toString());
		builder.environment().put("JUPYTER_DATA_DIR", CLUSTER.dir().resolve("data").toString());
		builder.environment().put("JUPYTER_CONFIG_DIR", CLUSTER.dir().resolve("config").toString());
		builder.environment().remove("JPARALLEL_PROFILE");
		Process process = builder.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("nbconvert did not finish in 10 minutes:\n" + Files.readString(log));
		}
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		List<String> results = new ArrayList<>();
		for (JsonNode cell : JSON.readTree(out.resolve("variables.ipynb").toFile()).get("cells")) {
			StringBuilder result = new StringBuilder();
			for (JsonNode shown : cell.get("outputs")) {
				assertThat(shown.get("output_type").asString()).as(shown.toString()).isNotEqualTo("error");
				if (shown.has("data")) {
					result.append(text(shown.get("data").get("text/plain")));
				}
			}
			System.out.println("In: " + text(cell.get("source")).replace("\n", "\n    ") + "\nOut: " + result);
			results.add(result.toString().strip());
		}
		return results;
	}

	/** A notebook's text: a string, or an array of lines. */
	private static String text(JsonNode text) {
		if (!text.isArray()) {
			return text.asString();
		}
		StringBuilder joined = new StringBuilder();
		text.forEach(part -> joined.append(part.asString()));
		return joined.toString();
	}

	/** Pipes {@code inputs} to {@code bin/jpcluster console}; what it printed after each input, by input number. */
	private Map<Integer, String> console(List<String> inputs) throws Exception {
		Path stdin = CLUSTER.dir().resolve("console-input.txt");
		Files.writeString(stdin, String.join("\n", inputs) + "\n/exit\n");
		Path stdout = CLUSTER.dir().resolve("console-output.txt");
		ProcessBuilder builder = new ProcessBuilder(this.home.resolve("bin/jpcluster").toString(), "console")
			.directory(this.home.toFile())
			.redirectInput(stdin.toFile())
			.redirectErrorStream(true)
			.redirectOutput(stdout.toFile());
		builder.environment().put("JPARALLEL_DIR", CLUSTER.dir().toString());
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
