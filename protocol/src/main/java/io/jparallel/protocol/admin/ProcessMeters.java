package io.jparallel.protocol.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters that Spring Boot's actuator binds in the services that use it, for the
 * services that do without it (engines, schedulers), so that every service publishes what the dashboards
 * chart: {@code jvm_memory_used_bytes}, {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads},
 * {@code process_cpu_usage}, {@code process_uptime_seconds}, ...
 */
public final class ProcessMeters {

	private ProcessMeters() {
	}

	/**
	 * Binds the meters to a registry.
	 * @return the collection listener, to close when the service stops
	 */
	public static AutoCloseable bindTo(MeterRegistry registry) {
		new ClassLoaderMetrics().bindTo(registry);
		new JvmMemoryMetrics().bindTo(registry);
		new JvmThreadMetrics().bindTo(registry);
		new ProcessorMetrics().bindTo(registry);
		new UptimeMetrics().bindTo(registry);
		new FileDescriptorMetrics().bindTo(registry);
		JvmGcMetrics collections = new JvmGcMetrics();
		collections.bindTo(registry);
		return collections;
	}

}
