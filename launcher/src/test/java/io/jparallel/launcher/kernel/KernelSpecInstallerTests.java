package io.jparallel.launcher.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class KernelSpecInstallerTests {

	@Test
	void writesAKernelJsonThatRunsJpclusterKernelOnJupytersConnectionFile(@TempDir Path prefix) throws Exception {
		Path dir = new KernelSpecInstaller().install(Path.of("/opt/jparallel/bin/jpcluster"), prefix,
				Path.of("/data/profile_x"));

		assertThat(dir).isEqualTo(prefix.resolve("share/jupyter/kernels/jparallel"));
		JsonNode spec = JsonMapper.builder().build().readTree(Files.readString(dir.resolve("kernel.json")));
		assertThat(spec.get("argv").valueStream().map(JsonNode::asString)).containsExactly(
				"/opt/jparallel/bin/jpcluster", "kernel", "--profile-dir", "/data/profile_x", "{connection_file}");
		assertThat(spec.get("language").asString()).isEqualTo("java");
		assertThat(spec.get("display_name").asString()).isEqualTo("Java (JParallel)");
	}

	@Test
	void withoutAProfileTheKernelFindsTheDefaultOneWhenItStarts() {
		assertThat(KernelSpecInstaller.kernelJson(Path.of("/j/bin/jpcluster"), null))
			.contains("\"argv\": [\"/j/bin/jpcluster\", \"kernel\", \"{connection_file}\"]");
	}

}
