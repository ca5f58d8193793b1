package io.jparallel.client.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.client.JParallelException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MavenArtifactsTests {

	@TempDir
	Path repository;

	@Test
	void coordinatesMapToTheRepositoryLayout() {
		assertThat(MavenArtifacts.relativePath("org.apache.commons:commons-math3:3.6.1"))
			.isEqualTo("org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar");
		assertThat(MavenArtifacts.relativePath("g.h:a:jar:tests:1.0")).isEqualTo("g/h/a/1.0/a-1.0-tests.jar");
	}

	@Test
	void aJarInTheLocalRepositoryIsTakenFromThere() throws Exception {
		Path jar = this.repository.resolve("g/a/1.0/a-1.0.jar");
		Files.createDirectories(jar.getParent());
		Files.write(jar, new byte[] { 1 });
		assertThat(MavenArtifacts.resolve("g:a:1.0", this.repository, "http://127.0.0.1:1/")).isEqualTo(jar);
	}

	@Test
	void unresolvableCoordinatesFailSayingWhereItLooked() {
		assertThatThrownBy(() -> MavenArtifacts.resolve("g:missing:1.0", this.repository, "http://127.0.0.1:1/repo"))
			.isInstanceOf(JParallelException.class)
			.hasMessageContaining("Cannot resolve g:missing:1.0")
			.hasMessageContaining("local Maven repository (" + this.repository.resolve("g/missing/1.0/missing-1.0.jar"))
			.hasMessageContaining("http://127.0.0.1:1/repo/g/missing/1.0/missing-1.0.jar");
	}

	@Test
	void malformedCoordinatesAndMissingJarsAreRejected() {
		assertThatThrownBy(() -> MavenArtifacts.resolve("just-a-name", this.repository, "http://127.0.0.1:1/"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("neither Maven coordinates");
		assertThatThrownBy(() -> MavenArtifacts.resolve("/no/such/lib.jar", this.repository, "http://127.0.0.1:1/"))
			.isInstanceOf(JParallelException.class)
			.hasMessageContaining("No jar at /no/such/lib.jar");
		assertThatThrownBy(() -> MavenArtifacts.resolve("g:a:b$:1", this.repository, "http://127.0.0.1:1/"))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
