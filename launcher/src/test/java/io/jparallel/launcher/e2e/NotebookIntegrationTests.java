package io.jparallel.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/tutorial.ipynb} executed by Jupyter's own {@code nbconvert --execute} on the {@code jparallel}
 * kernel ({@code jpcluster kernel install} into a temporary prefix on {@code JUPYTER_PATH}) against 4
 * engines; the executed notebook's outputs are read back. With {@code JPARALLEL_UPDATE_DOCS=1} the
 * executed notebook replaces {@code docs/tutorial.ipynb}, outputs and all.
 */
@TestInstance(Lifecycle.PER_CLASS)
class NotebookIntegrationTests {

	private static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path home = Path.of("").toAbsolutePath().getParent();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).withoutClient().build();

	@Test
	void theTutorialNotebookRunsOnTheJparallelKernel() throws Exception {
		assertThat(NBCONVERT).as("Debian's jupyter-nbconvert (scripts/install-prereqs.sh)").isExecutable();
		Path prefix = CLUSTER.dir().resolve("jupyter");
		JpclusterProcess.Result install = CLUSTER.process().run("kernel", "install", "--prefix", prefix.toString(),
				"--profile-dir", CLUSTER.process().profileDir().toString());
		assertThat(install.exitCode()).as(install.output()).isZero();
		Path kernelJson = prefix.resolve("share/jupyter/kernels/jparallel/kernel.json");
		System.out.println(Files.readString(kernelJson));
		assertThat(Files.readString(kernelJson)).contains("\"kernel\"", "{connection_file}", "bin/jpcluster");

		Path executed = execute(this.home.resolve("docs/tutorial.ipynb"), prefix.resolve("share/jupyter"));
		JsonNode notebook = JSON.readTree(executed.toFile());
		List<String> cells = new ArrayList<>();
		for (JsonNode cell : notebook.get("cells")) {
			if (!"code".equals(cell.get("cell_type").asString())) {
				continue;
			}
			StringBuilder text = new StringBuilder();
			for (JsonNode output : cell.get("outputs")) {
				String type = output.get("output_type").asString();
				assertThat(type).as("an output of %s", cell.get("source")).isNotEqualTo("error");
				if (type.equals("stream")) {
					text.append("<").append(output.get("name").asString()).append(">\n").append(join(output.get("text")));
				}
				else {
					text.append("<result>\n").append(join(output.get("data").get("text/plain"))).append('\n');
				}
			}
			cells.add(text.toString());
			System.out.println("In: " + join(cell.get("source")).replace("\n", "\n    ") + "\n" + text);
		}

		assertThat(cells).hasSize(11);
		assertThat(cells.get(0)).isEqualTo("<result>\n[0, 1, 2, 3]\n");
		assertThat(cells.get(1)).isEqualTo("<result>\n30\n");
		assertThat(cells.get(2)).isEqualTo("<result>\n[30, 30, 30, 30]\n");
		assertThat(cells.get(3)).isEqualTo("<result>\n[2, 6, 12, 20, 30, 42, 56, 72, 90]\n");
		assertThat(cells.get(4)).isEqualTo("<result>\n[2, 6, 12, 20, 30, 42, 56, 72, 90]\n");
		assertThat(cells.get(5)).isEqualTo("<result>\n[15, -5, 15, -5]\n");
		List<Long> pids = new ArrayList<>();
		Matcher hello = Pattern.compile("(?m)^\\[stdout:(\\d)\\] hello from (\\d+)$").matcher(cells.get(6));
		List<Integer> engines = new ArrayList<>();
		while (hello.find()) {
			engines.add(Integer.parseInt(hello.group(1)));
			pids.add(Long.parseLong(hello.group(2)));
		}
		assertThat(engines).as(cells.get(6)).containsExactly(0, 1, 2, 3);
		assertThat(pids).doesNotHaveDuplicates();
		assertThat(cells.get(7).lines().filter(l -> l.matches("Out\\[[0-3]:\\d+\\]: 30"))).hasSize(4);
		assertThat(cells.get(8)).contains("[stdout:1] engine pid " + pids.get(1) + ": sum of squares 385",
				"[stdout:3] engine pid " + pids.get(3) + ": sum of squares 385").doesNotContain("[stdout:0]");
		assertThat(cells.get(9)).startsWith("<stderr>").contains(
				"[0:execute]: java.lang.ArithmeticException: / by zero",
				"[3:execute]: java.lang.ArithmeticException: / by zero");
		assertThat(cells.get(10)).contains("<stdout>\nAdded commons-math3-3.6.1.jar (org.apache.commons:commons-math3:3.6.1)"
				+ " to engines [0, 1, 2, 3] and the local JShell\n").endsWith("<result>\n12\n");
		assertThat(cells.get(10).lines().filter(l -> l.matches("Out\\[[0-3]:\\d+\\]: 6"))).hasSize(4);

		if ("1".equals(System.getenv("JPARALLEL_UPDATE_DOCS"))) {
			Files.copy(executed, this.home.resolve("docs/tutorial.ipynb"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Path execute(Path notebook, Path jupyterPath) throws Exception {
		Path out = CLUSTER.dir().resolve("executed");
		Path log = CLUSTER.dir().resolve("nbconvert.log");
		ProcessBuilder builder = new ProcessBuilder(NBCONVERT.toString(), "--to", "notebook", "--execute",
				"--ExecutePreprocessor.kernel_name=jparallel", "--ExecutePreprocessor.timeout=120",
				"--ExecutePreprocessor.startup_timeout=180", notebook.toString(), "--output-dir", out.toString(),
				"--output", "tutorial").redirectErrorStream(true).redirectOutput(log.toFile());
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
		System.out.println(output);
		assertThat(process.exitValue()).as(output).isZero();
		return out.resolve("tutorial.ipynb");
	}

	private static String join(JsonNode text) {
		if (text.isArray()) {
			StringBuilder joined = new StringBuilder();
			text.forEach(part -> joined.append(part.asString()));
			return joined.toString();
		}
		return text.asString();
	}

}
