package io.jparallel.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Validates manifests against the JSON schemas generated from the Kubernetes OpenAPI specification and from
 * prometheus-operator's CRDs (npm packages {@code kubernetes-models}, {@code @kubernetes-models/prometheus-operator},
 * which Maven's {@code npm ci} installs into {@code target/schema}), by running
 * {@code src/test/schema/validate.mjs} with Node.js: required fields, types, formats. These schemas allow
 * unknown fields; {@link StrictManifests} rejects those.
 */
final class OpenApiSchemas {

	static final Path VALIDATOR = Path.of("target", "schema", "validate.mjs");

	private static final ObjectMapper JSON = new ObjectMapper();

	private OpenApiSchemas() {
	}

	/** Problems found, one line each ("Kind/name: what"); empty if every manifest is valid. */
	static List<String> problems(List<JsonNode> manifests) {
		if (!Files.isDirectory(VALIDATOR.resolveSibling("node_modules"))) {
			throw new IllegalStateException("No " + VALIDATOR.resolveSibling("node_modules")
					+ ": run the tests with Maven, whose process-test-resources phase runs npm ci there (needs Node.js and npm)");
		}
		try {
			Path input = Files.createTempFile("manifests", ".json");
			try {
				ArrayNode array = JSON.createArrayNode();
				manifests.forEach(array::add);
				Files.writeString(input, JSON.writeValueAsString(array));
				Process node = new ProcessBuilder("node", VALIDATOR.toAbsolutePath().toString(), input.toString())
					.redirectError(ProcessBuilder.Redirect.INHERIT)
					.start();
				byte[] output = node.getInputStream().readAllBytes();
				if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
					throw new IllegalStateException("node " + VALIDATOR + " failed: " + new String(output, StandardCharsets.UTF_8));
				}
				List<String> problems = new ArrayList<>();
				for (JsonNode result : JSON.readTree(output)) {
					if (!result.path("valid").asBoolean()) {
						result.path("errors").forEach(error -> problems.add(result.path("kind").asText() + "/"
								+ result.path("name").asText() + ": " + error.asText()));
					}
				}
				return problems;
			}
			finally {
				Files.deleteIfExists(input);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
