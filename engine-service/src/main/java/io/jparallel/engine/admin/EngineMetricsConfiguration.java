package io.jparallel.engine.admin;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's meter registry, made here rather than by Spring Boot's auto-configuration, which an engine
 * does without (see {@code EngineApplication}): Prometheus' registry with the JVM and process meters the
 * other services' actuators publish and the dashboards chart ({@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads}, {@code process_cpu_usage},
 * {@code process_uptime_seconds}, ...). The engine's own meters bind themselves to it.
 */
@Configuration(proxyBeanMethods = false)
public class EngineMetricsConfiguration {

	@Bean(destroyMethod = "close")
	public PrometheusMeterRegistry prometheusMeterRegistry() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new ClassLoaderMetrics().bindTo(registry);
		new JvmMemoryMetrics().bindTo(registry);
		new JvmThreadMetrics().bindTo(registry);
		new ProcessorMetrics().bindTo(registry);
		new UptimeMetrics().bindTo(registry);
		new FileDescriptorMetrics().bindTo(registry);
		return registry;
	}

	/** Listens to the JVM's collections until the engine stops. */
	@Bean(destroyMethod = "close")
	public JvmGcMetrics jvmGcMetrics(PrometheusMeterRegistry registry) {
		JvmGcMetrics metrics = new JvmGcMetrics();
		metrics.bindTo(registry);
		return metrics;
	}

}
