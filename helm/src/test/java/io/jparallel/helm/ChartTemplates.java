package io.jparallel.helm;

import java.nio.file.Path;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart in {@code helm/jparallel}, run through Helm's own code in process (helm-java bundles Helm as a
 * native library): {@code helm lint} and {@code helm template} without a cluster.
 */
final class ChartTemplates {

	/** The chart directory, from the module directory the tests run in. */
	static final Path CHART = Path.of("jparallel");

	static final String RELEASE = "jp";

	static final String NAMESPACE = "jparallel-test";

	/** What the chart's names start with for release {@link #RELEASE}. */
	static final String FULLNAME = RELEASE + "-jparallel";

	private ChartTemplates() {
	}

	/** {@code helm lint --strict jparallel}. */
	static LintResult lint() {
		return new Helm(CHART).lint().strict().call();
	}

	/** {@code helm template jp jparallel -n jparallel-test -f ... --set ...}, parsed. */
	static RenderedChart render(ValueSet values) {
		return RenderedChart.parse(renderText(values));
	}

	static String renderText(ValueSet values) {
		FakeKubernetesApi.start();
		TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
		for (Path file : values.valuesFiles()) {
			template = template.withValuesFile(file.toAbsolutePath());
		}
		for (Map.Entry<String, Object> set : values.sets().entrySet()) {
			template = template.set(set.getKey(), set.getValue());
		}
		return template.call();
	}

}
