package io.jparallel.helm;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every manifest the chart renders, under every value set of {@link ValueSet#all()}, validated against the
 * Kubernetes API schemas twice: against the OpenAPI JSON schemas ({@link OpenApiSchemas}: required fields,
 * types and formats; the ServiceMonitor against prometheus-operator's CRD schema), and parsed strictly into the
 * fabric8 model ({@link StrictManifests}: an unknown or misspelt field, or a scalar of the wrong type, fails;
 * the ServiceMonitor, a CRD, only as generic YAML there); then checked by
 * {@link ManifestChecks} for required fields, valid names and labels, and references that resolve within the
 * release (selectors, ports, volumes, Secrets and their keys). The last tests show that both checks fail on
 * broken manifests.
 */
class ManifestSchemaTests {

	private static final YAMLMapper YAML = new YAMLMapper();

	/** The external PostgreSQL password Secret of external-services.yaml: the user's, not the chart's. */
	private static final Set<String> EXTERNAL_SECRETS = Set.of("jparallel-db");

	static Iterable<ValueSet> valueSets() {
		return ValueSet.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valueSets")
	void everyRenderedManifestFitsTheKubernetesSchemasAndResolvesItsReferences(ValueSet values) {
		RenderedChart chart = ChartTemplates.render(values);

		assertThat(chart.manifests()).isNotEmpty();
		assertThat(OpenApiSchemas.problems(chart.manifests().stream().map(RenderedChart.Manifest::tree).toList()))
			.isEmpty();
		assertThat(ManifestChecks.problems(chart, EXTERNAL_SECRETS)).isEmpty();
		Map<String, Long> kinds = chart.manifests().stream()
			.collect(Collectors.groupingBy(RenderedChart.Manifest::kind, TreeMap::new, Collectors.counting()));
		System.out.printf("helm template [%s]: %d manifests valid (fabric8 strict, OpenAPI JSON schemas, references) %s%n",
				values, chart.manifests().size(), kinds);
	}

	@Test
	void aMisspeltFieldFails() throws Exception {
		JsonNode deployment = YAML.readTree("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  replica: 3
				  selector: { matchLabels: { a: b } }
				  template:
				    metadata: { labels: { a: b } }
				    spec: { containers: [ { name: c, image: "i:1" } ] }
				""");

		assertThatThrownBy(() -> StrictManifests.parse(deployment, "test")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("replica");
	}

	@Test
	void aMisspeltFieldDeepInAPodFails() throws Exception {
		JsonNode deployment = YAML.readTree("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  selector: { matchLabels: { a: b } }
				  template:
				    metadata: { labels: { a: b } }
				    spec:
				      containers:
				        - name: c
				          image: "i:1"
				          readinessProbe: { httpGet: { path: /actuator/health/readiness, prot: http } }
				""");

		assertThatThrownBy(() -> StrictManifests.parse(deployment, "test")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("prot");
	}

	@Test
	void aNumberWhereTheApiWantsAStringFails() throws Exception {
		JsonNode deployment = YAML.readTree("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  selector: { matchLabels: { a: b } }
				  template:
				    metadata: { labels: { a: b } }
				    spec: { containers: [ { name: c, image: "i:1", env: [ { name: SERVER_PORT, value: 8080 } ] } ] }
				""");

		assertThatThrownBy(() -> StrictManifests.parse(deployment, "test")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("value");
	}

	@Test
	void aStringWhereTheApiWantsAnIntegerFails() throws Exception {
		JsonNode deployment = YAML.readTree("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  replicas: "3"
				  selector: { matchLabels: { a: b } }
				  template:
				    metadata: { labels: { a: b } }
				    spec: { containers: [ { name: c, image: "i:1" } ] }
				""");

		assertThatThrownBy(() -> StrictManifests.parse(deployment, "test")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("replicas");
	}

	@Test
	void theOpenApiSchemasRejectAMissingRequiredFieldAWrongTypeAndABadServiceMonitor() throws Exception {
		JsonNode noName = YAML.readTree("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: x }
				spec:
				  selector: { matchLabels: { a: b } }
				  template:
				    metadata: { labels: { a: b } }
				    spec: { containers: [ { image: "i:1", ports: [ { containerPort: http } ] } ] }
				""");
		JsonNode monitor = YAML.readTree("""
				apiVersion: monitoring.coreos.com/v1
				kind: ServiceMonitor
				metadata: { name: m }
				spec: { selector: {}, endpoints: [ { port: 8080 } ] }
				""");

		assertThat(OpenApiSchemas.problems(java.util.List.of(noName, monitor)))
			.anyMatch(p -> p.startsWith("Deployment/x") && p.contains("must have required property name"))
			.anyMatch(p -> p.startsWith("Deployment/x") && p.contains("containerPort must be integer"))
			.anyMatch(p -> p.startsWith("ServiceMonitor/m") && p.contains("port must be string"));
	}

	@Test
	void anUnknownKindFails() throws Exception {
		JsonNode ingress = YAML.readTree("""
				apiVersion: networking.k8s.io/v1
				kind: Ingres
				metadata: { name: x }
				""");

		assertThatThrownBy(() -> StrictManifests.parse(ingress, "test")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("no schema known");
	}

	@Test
	void brokenReferencesAreReported() {
		RenderedChart chart = RenderedChart.parse("""
				---
				# Source: t.yaml
				apiVersion: apps/v1
				kind: Deployment
				metadata: { name: w, labels: { app.kubernetes.io/instance: jp } }
				spec:
				  selector: { matchLabels: { app: w } }
				  template:
				    metadata: { labels: { app: other } }
				    spec:
				      containers:
				        - name: c
				          image: "i"
				          ports: [ { name: http, containerPort: 8080 } ]
				          env: [ { name: K, valueFrom: { secretKeyRef: { name: missing, key: k } } } ]
				          volumeMounts: [ { name: nowhere, mountPath: /x } ]
				          livenessProbe: { httpGet: { path: /actuator/health/liveness, port: web } }
				---
				# Source: s.yaml
				apiVersion: v1
				kind: Service
				metadata: { name: s, labels: { app.kubernetes.io/instance: jp } }
				spec:
				  selector: { app: w }
				  ports: [ { name: http, port: 80, targetPort: web } ]
				""");

		assertThat(ManifestChecks.problems(chart, Set.of())).anyMatch(p -> p.contains("selector does not match"))
			.anyMatch(p -> p.contains("image without a tag"))
			.anyMatch(p -> p.contains("Secret missing"))
			.anyMatch(p -> p.contains("volume nowhere"))
			.anyMatch(p -> p.contains("probe port web"))
			.anyMatch(p -> p.contains("matches 0 workloads"))
			.anyMatch(p -> p.contains("no memory request"));
	}

}
