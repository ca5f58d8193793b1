package io.jparallel.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of installing the chart: values files (from {@code src/test/resources/values}) and {@code --set}
 * values, with a name for test reports.
 *
 * @param name what the set stands for
 * @param valuesFiles values files, in order
 * @param sets {@code --set} values, applied after the files
 */
record ValueSet(String name, List<Path> valuesFiles, Map<String, Object> sets) {

	static final Path VALUES_DIR = Path.of("src", "test", "resources", "values");

	ValueSet {
		valuesFiles = List.copyOf(valuesFiles);
		sets = Map.copyOf(sets);
	}

	static ValueSet defaults() {
		return new ValueSet("defaults", List.of(), Map.of());
	}

	/** A values file of {@code src/test/resources/values}, by its name without {@code .yaml}. */
	static ValueSet file(String name) {
		return new ValueSet(name, List.of(VALUES_DIR.resolve(name + ".yaml")), Map.of());
	}

	ValueSet with(String key, Object value) {
		Map<String, Object> more = new LinkedHashMap<>(this.sets);
		more.put(key, value);
		return new ValueSet(this.name + " " + key + "=" + value, this.valuesFiles, more);
	}

	ValueSet andFile(String name) {
		List<Path> more = new ArrayList<>(this.valuesFiles);
		more.add(VALUES_DIR.resolve(name + ".yaml"));
		return new ValueSet(this.name + " + " + name, more, this.sets);
	}

	/** Every value set the schema tests render. */
	static List<ValueSet> all() {
		return List.of(defaults(), file("h2-trial"), file("external-services"), file("bundled-postgres"),
				file("metrics"), defaults().with("engines.replicas", 16),
				file("h2-trial").with("hub.persistence.enabled", false).with("rabbitmq.persistence.enabled", true)
					.with("rabbitmq.service.type", "LoadBalancer").with("client.brokerHost", "amqp.example.com"),
				file("external-services").andFile("metrics").with("metrics.podAnnotations", false));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
