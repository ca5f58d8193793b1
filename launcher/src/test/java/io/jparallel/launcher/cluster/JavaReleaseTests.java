package io.jparallel.launcher.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JavaReleaseTests {

	@Test
	void theReleaseFileGivesFeatureAndUpdate() {
		assertThat(JavaRelease.parse("IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.15\"\n"))
			.contains(new JavaRelease(17, 15));
		assertThat(JavaRelease.parse("JAVA_VERSION=\"25\"\n")).contains(new JavaRelease(25, 0));
		assertThat(JavaRelease.parse("JAVA_VERSION=\"21.0.1-ea\"\n")).contains(new JavaRelease(21, 1));
		assertThat(JavaRelease.parse("JAVA_RUNTIME_VERSION=\"17.0.15+6\"\n")).isEmpty();
	}

	@Test
	void onlyRuntimesWithTheOptionTrimTheNativeHeap() {
		assertThat(new JavaRelease(17, 8).trimsNativeHeap()).isFalse();
		assertThat(new JavaRelease(17, 9).trimsNativeHeap()).isTrue();
		assertThat(new JavaRelease(20, 2).trimsNativeHeap()).isFalse();
		assertThat(new JavaRelease(21, 0).trimsNativeHeap()).isFalse();
		assertThat(new JavaRelease(21, 1).trimsNativeHeap()).isTrue();
		assertThat(new JavaRelease(25, 0).trimsNativeHeap()).isTrue();
	}

	@Test
	void aJavaWithoutAReleaseFileHasNoKnownRelease(@TempDir Path home) throws Exception {
		Path java = Files.createDirectories(home.resolve("bin")).resolve("java");

		assertThat(JavaRelease.of(java)).isEmpty();

		Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
		assertThat(JavaRelease.of(java)).contains(new JavaRelease(17, 9));
	}

	@Test
	void theRuntimeRunningTheTestsIsRead() {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");

		assertThat(JavaRelease.of(java)).map(JavaRelease::feature).contains(Runtime.version().feature());
	}

}
