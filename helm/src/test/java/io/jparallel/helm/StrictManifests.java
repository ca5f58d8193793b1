package io.jparallel.helm;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * Reads a rendered manifest into the fabric8 Kubernetes model (classes generated from the Kubernetes API's
 * OpenAPI schemas) the way the API server's strict field validation would take it: an unknown or misspelt
 * field anywhere fails (fabric8's classes would otherwise keep it in {@code additionalProperties}), and so
 * does a scalar of the wrong type (a number where the API wants a string, e.g. an env value, or a string
 * where it wants an int32, e.g. {@code replicas: "3"}).
 */
final class StrictManifests {

	/** The API kinds the chart renders, by {@code apiVersion/kind}. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/ConfigMap", ConfigMap.class,
			"v1/Secret", Secret.class, "v1/Service", Service.class, "apps/v1/Deployment", Deployment.class,
			"apps/v1/StatefulSet", StatefulSet.class);

	/** Custom resources: not in the core API schemas; checked as generic YAML (apiVersion, kind, metadata, spec). */
	private static final Map<String, String> CUSTOM_KINDS = Map.of("monitoring.coreos.com/v1/ServiceMonitor",
			"prometheus-operator");

	private static final ObjectMapper STRICT = strictMapper();

	private StrictManifests() {
	}

	/** Whether a manifest's kind is a custom resource, checked as generic YAML only. */
	static boolean isCustomResource(JsonNode manifest) {
		return CUSTOM_KINDS.containsKey(key(manifest));
	}

	/**
	 * The manifest as its fabric8 model class.
	 * @throws AssertionError naming the field and the document if it does not fit the schema
	 */
	static HasMetadata parse(JsonNode manifest, String source) {
		Class<? extends HasMetadata> type = KINDS.get(key(manifest));
		if (type == null) {
			throw new AssertionError(source + ": no schema known for " + key(manifest)
					+ " (add its model class to StrictManifests, or to the custom kinds if it is a CRD)");
		}
		return parse(manifest, type, source);
	}

	static <T> T parse(JsonNode manifest, Class<T> type, String source) {
		try {
			return STRICT.treeToValue(manifest, type);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw new AssertionError(source + " (" + key(manifest) + ") does not fit the Kubernetes schema: "
					+ ex.getMessage(), ex);
		}
	}

	private static String key(JsonNode manifest) {
		return manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
	}

	private static ObjectMapper strictMapper() {
		JsonMapper mapper = JsonMapper.builder()
			.annotationIntrospector(new NoAnySetters())
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.build();
		for (LogicalType scalar : new LogicalType[] { LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
				LogicalType.Boolean }) {
			mapper.coercionConfigFor(scalar)
				.setCoercion(CoercionInputShape.String, (scalar == LogicalType.Textual) ? CoercionAction.TryConvert
						: CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, (scalar == LogicalType.Integer) ? CoercionAction.TryConvert
						: CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, (scalar == LogicalType.Float) ? CoercionAction.TryConvert
						: CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, (scalar == LogicalType.Boolean) ? CoercionAction.TryConvert
						: CoercionAction.Fail);
		}
		return mapper;
	}

	/** fabric8's classes take unknown fields into a map through {@code @JsonAnySetter}; here they fail. */
	private static final class NoAnySetters extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasAnySetter(Annotated annotated) {
			return Boolean.FALSE;
		}

		@Override
		public boolean hasAnySetterAnnotation(com.fasterxml.jackson.databind.introspect.AnnotatedMethod method) {
			return false;
		}

	}

}
