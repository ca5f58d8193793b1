package io.jparallel.registry;

import com.netflix.discovery.shared.Application;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * What the registry holds, read from Eureka's in-memory registry at each scrape:
 * {@code jparallel.registry.instances} (every instance registered, Prometheus
 * {@code jparallel_registry_instances}) and {@code jparallel.registry.engines} (instances of
 * {@value #ENGINES}, {@code jparallel_registry_engines}).
 */
@Component
public class RegistryMeters implements MeterBinder {

	static final String ENGINES = "ENGINE-SERVICE";

	private final PeerAwareInstanceRegistry registry;

	public RegistryMeters(PeerAwareInstanceRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		Gauge.builder("jparallel.registry.instances", this.registry, RegistryMeters::instances)
			.description("Instances registered in Eureka")
			.register(meters);
		Gauge.builder("jparallel.registry.engines", this.registry, RegistryMeters::engines)
			.description("Engine instances registered in Eureka")
			.register(meters);
	}

	private static double instances(PeerAwareInstanceRegistry registry) {
		return registry.getSortedApplications().stream().mapToInt(app -> app.getInstances().size()).sum();
	}

	private static double engines(PeerAwareInstanceRegistry registry) {
		Application engines = registry.getApplication(ENGINES);
		return (engines != null) ? engines.getInstances().size() : 0;
	}

}
