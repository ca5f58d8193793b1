package io.jparallel.launcher.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServiceCommandTests {

	@TempDir
	Path home;

	@Test
	void engineCommandPointsTheServiceAtTheClusterAndPutsExtraOptionsLast() {
		ClusterLayout layout = new ClusterLayout(this.home.resolve("profile_x"));
		ServiceCommand command = new ServiceCommand(Path.of("/jdk/bin/java"), this.home, layout, List.of("-Xmx3g"));

		List<String> line = command.build(ServiceKind.ENGINE, 3, 0, "http://127.0.0.1:1234/eureka/");

		assertThat(line.get(0)).isEqualTo("/jdk/bin/java");
		assertThat(line).containsSubsequence("-XX:+UseSerialGC", "-Xmx2g", "-Xmx3g")
			.doesNotContain("-XX:TieredStopAtLevel=1")
			.contains("-Djparallel.config-repo=" + this.home.resolve("config-repo"),
					"-Djparallel.connection-file=" + layout.engineFile(),
					"-Djparallel.profile-dir=" + layout.profileDir(), "-Dserver.port=0",
					"-Deureka.client.service-url.defaultZone=http://127.0.0.1:1234/eureka/",
					"-Deureka.instance.instance-id=engine-service-3")
			.endsWith("-cp", this.home.resolve("engine-service/target/engine-service.jar") + ":"
					+ this.home.resolve("engine-service/target/lib") + "/*", "io.jparallel.engine.EngineApplication");
	}

	@Test
	void servicesStartFromTheirAotContextOnlyWhileNoConfigFileIsNewerThanTheirJar() throws Exception {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home),
				List.of());
		Path config = Files.createDirectories(this.home.resolve("config-repo")).resolve("application.yml");
		Files.writeString(config, "x: 1");
		Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		jar(ServiceKind.HUB, "io/jparallel/hub/HubApplication__ApplicationContextInitializer.class");
		jar(ServiceKind.SCHEDULER, "io/jparallel/scheduler/SchedulerApplication.class");
		jar(ServiceKind.REGISTRY, "io/jparallel/registry/RegistryApplication__ApplicationContextInitializer.class");

		assertThat(command.build(ServiceKind.HUB, 0, 0, "http://r/eureka/")).contains("-Dspring.aot.enabled=true");
		// built without process-aot, or a service AOT is off for
		assertThat(command.build(ServiceKind.SCHEDULER, 0, 0, "http://r/eureka/"))
			.doesNotContain("-Dspring.aot.enabled=true");
		assertThat(command.build(ServiceKind.REGISTRY, 0, 0, "http://r/eureka/"))
			.doesNotContain("-Dspring.aot.enabled=true");
		assertThat(command.withoutTheirBuildTimeContext()).isEmpty();

		Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
		assertThat(command.build(ServiceKind.HUB, 0, 0, "http://r/eureka/")).doesNotContain("-Dspring.aot.enabled=true");
		// jpcluster start says so: only services built with a context they now go without
		assertThat(command.withoutTheirBuildTimeContext()).containsExactly("hub-service");
	}

	private void jar(ServiceKind kind, String entry) throws Exception {
		Path jar = Files.createDirectories(this.home.resolve(kind.module()).resolve("target"))
			.resolve(kind.module() + ".jar");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new ZipEntry(entry));
			out.closeEntry();
		}
	}

	@Test
	void engineJvmOptionsGoToEnginesOnlyAfterTheExtraOptions() {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home),
				List.of("-Dx=1"), List.of("-Xmx64m"));

		assertThat(command.build(ServiceKind.ENGINE, 0, 0, "http://r/eureka/")).containsSubsequence("-Xmx2g", "-Dx=1",
				"-Xmx64m");
		assertThat(command.build(ServiceKind.HUB, 0, 0, "http://r/eureka/")).contains("-Dx=1").doesNotContain("-Xmx64m");
	}

	@Test
	void controlServicesGetASmallHeapAndC1Only() {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home),
				List.of());

		List<String> line = command.build(ServiceKind.HUB, 0, 8123, "http://r/eureka/");

		assertThat(line).contains("-XX:TieredStopAtLevel=1", "-Xmx384m", "-Dserver.port=8123")
			// the hub's young generation starts small and grows with its load
			.contains("-Xms128m", "-XX:NewSize=16m", "-XX:MaxNewSize=128m")
			.doesNotContain("-Xmx160m")
			.endsWith("io.jparallel.hub.HubApplication");
		assertThat(command.build(ServiceKind.REGISTRY, 0, 8761, "http://r/eureka/")).contains("-Xmx160m");
	}

	@Test
	void onlyTheRegistryWaitsForAQuietMachineToStartAndNotWhileItRecordsItsArchive() throws Exception {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home),
				List.of());
		Path target = Files.createDirectories(this.home.resolve("registry-service").resolve("target").resolve("lib"))
			.getParent();
		Files.writeString(target.resolve("registry-service.jar"), "jar");

		// a stop while it waits would leave the archive it records without Spring's classes
		assertThat(command.build(ServiceKind.REGISTRY, 0, 8761, "http://r/eureka/"))
			.anyMatch((option) -> option.startsWith("-XX:ArchiveClassesAtExit="))
			.noneMatch((option) -> option.startsWith("-Djparallel.registry.start-when-quiet"));

		Files.writeString(target.resolve("registry-service.jsa"), "archive");
		Files.setLastModifiedTime(target.resolve("registry-service.jar"), FileTime.fromMillis(1_000));
		Files.setLastModifiedTime(target.resolve("lib"), FileTime.fromMillis(1_000));
		assertThat(command.build(ServiceKind.REGISTRY, 0, 8761, "http://r/eureka/"))
			.contains("-Djparallel.registry.start-when-quiet=30");
		for (ServiceKind kind : List.of(ServiceKind.HUB, ServiceKind.SCHEDULER, ServiceKind.ENGINE)) {
			assertThat(command.build(kind, 0, 0, "http://r/eureka/"))
				.noneMatch((option) -> option.startsWith("-Djparallel.registry.start-when-quiet"));
		}
	}

	@Test
	void tellsToBuildFirstWhenAServiceJarIsMissing() throws Exception {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home),
				List.of());
		for (ServiceKind kind : List.of(ServiceKind.REGISTRY, ServiceKind.HUB, ServiceKind.SCHEDULER)) {
			Files.createDirectories(command.jar(kind).getParent());
			Files.createFile(command.jar(kind));
		}

		assertThatExceptionOfType(ClusterStartException.class).isThrownBy(command::checkBuilt)
			.withMessageContaining("engine-service.jar")
			.withMessageContaining("mvn package");
	}

	@Test
	void jvmOptionsFromTheEnvironmentAreSplitOnWhiteSpace() {
		assertThat(ClusterOptions.splitOptions("  -Xmx1g   -Dfoo=bar ")).containsExactly("-Xmx1g", "-Dfoo=bar");
		assertThat(ClusterOptions.splitOptions(null)).isEmpty();
	}

	@Test
	void firstInstanceRecordsAClassDataSharingArchiveThenLaterStartsMapItUntilTheJarIsRebuilt() throws Exception {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home), List.of());
		Path target = this.home.resolve("scheduler-service").resolve("target");
		java.nio.file.Files.createDirectories(target.resolve("lib"));
		Path jar = java.nio.file.Files.writeString(target.resolve("scheduler-service.jar"), "jar");
		Path archive = target.resolve("scheduler-service.jsa");

		assertThat(command.classDataSharing(ServiceKind.SCHEDULER, 0)).contains("-XX:ArchiveClassesAtExit=" + archive);
		assertThat(command.classDataSharing(ServiceKind.SCHEDULER, 1)).noneMatch((option) -> option.contains(".jsa"));

		java.nio.file.Files.writeString(archive, "archive");
		java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000));
		java.nio.file.Files.setLastModifiedTime(target.resolve("lib"), java.nio.file.attribute.FileTime.fromMillis(1_000));
		assertThat(command.classDataSharing(ServiceKind.SCHEDULER, 3)).contains("-XX:SharedArchiveFile=" + archive);

		java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
		assertThat(command.classDataSharing(ServiceKind.SCHEDULER, 0)).contains("-XX:ArchiveClassesAtExit=" + archive);
	}

	@Test
	void everyArchiveIsMappedAtTheAddressItWasBuiltFor() throws Exception {
		ServiceCommand command = new ServiceCommand(Path.of("java"), this.home, new ClusterLayout(this.home), List.of());

		for (int instance = 0; instance < 2; instance++) {
			assertThat(command.classDataSharing(ServiceKind.ENGINE, instance)).containsSubsequence(
					"-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
		}
	}

}
