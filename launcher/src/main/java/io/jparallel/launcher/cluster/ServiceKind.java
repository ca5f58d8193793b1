package io.jparallel.launcher.cluster;

import java.util.List;

/**
 * The four kinds of process of a cluster: where their jar is and how much JVM they get. Control services
 * get a small heap and C1 only (they mostly wait on I/O and must start fast); engines get a bigger heap
 * and C2, since they run user code.
 */
public enum ServiceKind {

	REGISTRY("registry-service", "io.jparallel.registry.RegistryApplication", Defaults.SERVICE),

	HUB("hub-service", "io.jparallel.hub.HubApplication", Defaults.SERVICE),

	SCHEDULER("scheduler-service", "io.jparallel.scheduler.SchedulerApplication", Defaults.MESSAGE_PATH),

	ENGINE("engine-service", "io.jparallel.engine.EngineApplication", Defaults.ENGINE);

	private final String module;

	private final String mainClass;

	private final List<String> defaultJvmOptions;

	ServiceKind(String module, String mainClass, List<String> defaultJvmOptions) {
		this.module = module;
		this.mainClass = mainClass;
		this.defaultJvmOptions = defaultJvmOptions;
	}

	/** Maven module, also the name of its jar in {@code <module>/target/}. */
	public String module() {
		return this.module;
	}

	public String mainClass() {
		return this.mainClass;
	}

	public List<String> defaultJvmOptions() {
		return this.defaultJvmOptions;
	}

	private static final class Defaults {

		static final List<String> SERVICE = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
				"-XX:MaxRAM=1g", "-Xmx160m");

		/** On every request's path: full JIT, whose SHA-256 intrinsics make verifying signatures cheap. */
		static final List<String> MESSAGE_PATH = List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=1g", "-Xmx256m");

		static final List<String> ENGINE = List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAM=1g", "-Xms32m", "-Xmx2g");

	}

}
