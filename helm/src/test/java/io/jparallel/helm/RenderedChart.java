package io.jparallel.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The documents {@code helm template} printed: each as its YAML tree, the template it came from, and (for
 * the core API kinds) its strictly parsed fabric8 model; lookups by kind and name.
 *
 * @param manifests in rendering order
 */
record RenderedChart(List<Manifest> manifests) {

	private static final YAMLMapper YAML = new YAMLMapper();

	/**
	 * One rendered document.
	 * @param source the template, from Helm's {@code # Source:} comment
	 * @param tree the document as YAML parsed it
	 * @param resource the strictly parsed model, or {@code null} for a custom resource
	 */
	record Manifest(String source, JsonNode tree, HasMetadata resource) {

		String kind() {
			return this.tree.path("kind").asText();
		}

		String name() {
			return this.tree.path("metadata").path("name").asText();
		}

	}

	static RenderedChart parse(String rendered) {
		List<Manifest> manifests = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			if (document.isBlank()) {
				continue;
			}
			String source = document.lines()
				.filter(line -> line.startsWith("# Source: "))
				.map(line -> line.substring("# Source: ".length()))
				.findFirst()
				.orElse("(no source)");
			JsonNode tree = readTree(document, source);
			if (tree == null || tree.isNull() || tree.isMissingNode() || tree.isEmpty()) {
				continue;
			}
			HasMetadata resource = StrictManifests.isCustomResource(tree) ? null : StrictManifests.parse(tree, source);
			manifests.add(new Manifest(source, tree, resource));
		}
		return new RenderedChart(List.copyOf(manifests));
	}

	private static JsonNode readTree(String document, String source) {
		try {
			return YAML.readTree(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not YAML: " + source, ex);
		}
	}

	List<Manifest> ofKind(String kind) {
		return this.manifests.stream().filter(m -> m.kind().equals(kind)).toList();
	}

	Optional<Manifest> find(String kind, String name) {
		return this.manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
	}

	Manifest get(String kind, String name) {
		return find(kind, name).orElseThrow(() -> new AssertionError("No " + kind + " " + name + " rendered; have "
				+ this.manifests.stream().map(m -> m.kind() + "/" + m.name()).toList()));
	}

	Deployment deployment(String component) {
		return (Deployment) get("Deployment", ChartTemplates.FULLNAME + "-" + component).resource();
	}

	StatefulSet statefulSet(String component) {
		return (StatefulSet) get("StatefulSet", ChartTemplates.FULLNAME + "-" + component).resource();
	}

	Service service(String component) {
		return (Service) get("Service", ChartTemplates.FULLNAME + "-" + component).resource();
	}

	Secret secret(String suffix) {
		return (Secret) get("Secret", ChartTemplates.FULLNAME + "-" + suffix).resource();
	}

	ConfigMap configMap(String suffix) {
		return (ConfigMap) get("ConfigMap", ChartTemplates.FULLNAME + "-" + suffix).resource();
	}

	/** A Secret's value, decoded. */
	String secretValue(String suffix, String key) {
		String encoded = secret(suffix).getData().get(key);
		if (encoded == null) {
			throw new AssertionError("Secret " + suffix + " has no key " + key);
		}
		return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

	/** The pod templates of every workload, with the workload's kind and name. */
	List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		for (Manifest manifest : this.manifests) {
			if (manifest.resource() instanceof Deployment deployment) {
				workloads.add(new Workload(manifest, deployment.getSpec().getSelector().getMatchLabels(),
						deployment.getSpec().getTemplate(), List.of()));
			}
			else if (manifest.resource() instanceof StatefulSet set) {
				workloads.add(new Workload(manifest, set.getSpec().getSelector().getMatchLabels(),
						set.getSpec().getTemplate(), set.getSpec().getVolumeClaimTemplates().stream()
							.map(claim -> claim.getMetadata().getName())
							.toList()));
			}
		}
		return workloads;
	}

	/**
	 * A Deployment or StatefulSet.
	 * @param selector its selector's match labels
	 * @param template its pod template
	 * @param claimTemplates names of its volume claim templates
	 */
	record Workload(Manifest manifest, java.util.Map<String, String> selector, PodTemplateSpec template,
			List<String> claimTemplates) {

		Container container(String name) {
			return this.template.getSpec().getContainers().stream()
				.filter(c -> c.getName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError(this.manifest.name() + " has no container " + name));
		}

	}

	/** A container's environment variable by name. */
	static Optional<EnvVar> env(Container container, String name) {
		return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
	}

	static String envValue(Container container, String name) {
		return env(container, name).map(EnvVar::getValue)
			.orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
	}

}
