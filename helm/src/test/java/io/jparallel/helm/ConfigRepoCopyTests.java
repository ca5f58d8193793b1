package io.jparallel.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's copy of the config-repo ({@code helm/jparallel/files/config-repo}, which Helm can read; it
 * reads nothing outside the chart) is the repository's {@code config-repo/}, file for file: change one, copy
 * it ({@code cp config-repo/*.yml helm/jparallel/files/config-repo/}).
 */
class ConfigRepoCopyTests {

	static final Path CONFIG_REPO = Path.of("..", "config-repo");

	static final Path CHART_COPY = ChartTemplates.CHART.resolve("files").resolve("config-repo");

	@Test
	void theChartHoldsTheSameFilesAsTheConfigRepo() throws IOException {
		assertThat(ymlFiles(CHART_COPY)).as("files in %s (copy them from %s)", CHART_COPY, CONFIG_REPO)
			.containsExactlyElementsOf(ymlFiles(CONFIG_REPO))
			.isNotEmpty();
	}

	@Test
	void eachCopyIsIdenticalToItsOriginal() throws IOException {
		for (String name : ymlFiles(CONFIG_REPO)) {
			assertThat(Files.readString(CHART_COPY.resolve(name))).as("%s: the chart's copy differs; copy %s again",
					CHART_COPY.resolve(name), CONFIG_REPO.resolve(name))
				.isEqualTo(Files.readString(CONFIG_REPO.resolve(name)));
		}
	}

	static List<String> ymlFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted().toList();
		}
	}

}
