package io.jparallel.helm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jparallel.helm.RenderedChart.Workload;
import io.jparallel.protocol.connection.ConnectionFiles;
import io.jparallel.protocol.connection.ConnectionInfo;

import static io.jparallel.helm.RenderedChart.env;
import static io.jparallel.helm.RenderedChart.envValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart in {@code helm/jparallel}, through Helm's own code in process (helm-java): {@code helm lint
 * --strict}, and {@code helm template} under the value sets of {@code src/test/resources/values} (H2 trial,
 * external PostgreSQL and RabbitMQ, bundled PostgreSQL, metrics) and {@code --set} values, asserting what the
 * release would run: each service gets the settings {@code jpcluster start} passes (config-repo, engine
 * connection file, cluster id, registry URL; here as environment variables and mounted files), engines scale
 * with {@code engines.replicas}, probes use the actuator's health groups on the service's port, the generated
 * Secrets hold connection files in the format {@code ConnectionFiles} reads, survive an upgrade, and NOTES.txt
 * tells how a client connects. {@link ManifestSchemaTests} validates every rendered manifest against the
 * Kubernetes schemas.
 */
class HelmChartTests {

	private static final String FULLNAME = ChartTemplates.FULLNAME;

	private static final List<String> SERVICES = List.of("registry", "hub", "scheduler", "engines");

	@AfterEach
	void noInstalledRelease() {
		FakeKubernetesApi.clearSecrets();
	}

	@Test
	void lintStrictPasses() {
		LintResult lint = ChartTemplates.lint();

		System.out.println("helm lint --strict: failed=" + lint.isFailed() + " " + lint.getMessages());
		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
	}

	@Test
	void theDefaultsRunEveryServiceWithABundledBroker() {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults());

		assertThat(chart.deployment("registry").getSpec().getReplicas()).isEqualTo(1);
		assertThat(chart.deployment("scheduler").getSpec().getReplicas()).isEqualTo(2);
		assertThat(chart.deployment("engines").getSpec().getReplicas()).isEqualTo(4);
		assertThat(chart.statefulSet("hub").getSpec().getReplicas()).isEqualTo(1);
		assertThat(chart.statefulSet("rabbitmq").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
			.isEqualTo("docker.io/library/rabbitmq:4-management");
		assertThat(chart.find("StatefulSet", FULLNAME + "-postgresql")).isEmpty();
		assertThat(chart.ofKind("Secret")).extracting(RenderedChart.Manifest::name)
			.containsExactlyInAnyOrder(FULLNAME + "-cluster", FULLNAME + "-broker", FULLNAME + "-client");
		assertThat(container(chart, "engines").getImage()).isEqualTo("ghcr.io/jparallel/engine-service:0.1.0");
		assertThat(container(chart, "hub").getImage()).isEqualTo("ghcr.io/jparallel/hub-service:0.1.0");
		assertThat(chart.find("ServiceMonitor", FULLNAME)).isEmpty();
		assertThat(chart.find("ConfigMap", FULLNAME + "-dashboard")).isEmpty();
	}

	@Test
	void engineReplicasAreTheEngineCount() {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults().with("engines.replicas", 16));

		assertThat(chart.deployment("engines").getSpec().getReplicas()).isEqualTo(16);
		System.out.println("engines.replicas=16 -> Deployment " + FULLNAME + "-engines replicas "
				+ chart.deployment("engines").getSpec().getReplicas());
	}

	@Test
	void imagesFollowTheRegistryPrefixAndTagValues() {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults().with("image.registry", "registry.example.com")
			.with("image.repositoryPrefix", "hpc/jp-")
			.with("image.tag", "1.2.3")
			.with("engines.image.repository", "hpc/engine-gpu")
			.with("engines.image.tag", "1.2.3-cuda"));

		assertThat(container(chart, "registry").getImage()).isEqualTo("registry.example.com/hpc/jp-registry-service:1.2.3");
		assertThat(container(chart, "scheduler").getImage()).isEqualTo("registry.example.com/hpc/jp-scheduler-service:1.2.3");
		assertThat(container(chart, "engines").getImage()).isEqualTo("registry.example.com/hpc/engine-gpu:1.2.3-cuda");
	}

	@Test
	void probesUseTheActuatorHealthGroupsOnTheServicePort() throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults());
		JsonNode shared = new YAMLMapper().readTree(Files.readString(ConfigRepoCopyTests.CONFIG_REPO.resolve("application.yml")));

		// the groups the probes ask for exist because the config-repo enables them
		assertThat(shared.at("/management/endpoint/health/probes/enabled").asBoolean()).isTrue();
		for (String service : SERVICES) {
			Container container = container(chart, service);
			int port = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow()
				.getContainerPort();
			assertThat(envValue(container, "SERVER_PORT")).as(service).isEqualTo(String.valueOf(port));
			assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service).isEqualTo("/actuator/health/liveness");
			assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service).isEqualTo("/actuator/health/readiness");
			assertThat(container.getStartupProbe().getHttpGet().getPath()).as(service).isEqualTo("/actuator/health/liveness");
			assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
			assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).as(service).isEqualTo("http");
		}
		assertThat(container(chart, "registry").getPorts().get(0).getContainerPort()).isEqualTo(8761);
	}

	@Test
	void enginesRequestAndLimitResources() {
		Container engine = container(ChartTemplates.render(ValueSet.defaults().with("engines.resources.requests.cpu", "2")
			.with("engines.resources.limits.memory", "8Gi")), "engines");

		assertThat(engine.getResources().getRequests()).containsEntry("cpu", new Quantity("2"))
			.containsEntry("memory", new Quantity("1Gi"));
		assertThat(engine.getResources().getLimits()).containsEntry("memory", new Quantity("8Gi"));
	}

	@Test
	void everyServiceGetsWhatJpclusterPassesIt() throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults());
		ObjectMapper json = new ObjectMapper();

		for (String service : SERVICES) {
			Workload workload = workload(chart, service);
			Container container = workload.template().getSpec().getContainers().get(0);
			Map<String, String> mounts = container.getVolumeMounts().stream()
				.collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath));
			Map<String, Volume> volumes = workload.template().getSpec().getVolumes().stream()
				.collect(Collectors.toMap(Volume::getName, v -> v));
			// -Djparallel.config-repo: the config-repo ConfigMap
			assertThat(envValue(container, "JPARALLEL_CONFIG_REPO")).as(service).isEqualTo(mounts.get("config-repo"));
			assertThat(volumes.get("config-repo").getConfigMap().getName()).isEqualTo(FULLNAME + "-config-repo");
			// -Djparallel.connection-file: the engine connection file from the cluster Secret
			assertThat(envValue(container, "JPARALLEL_CONNECTION_FILE")).as(service)
				.isEqualTo(mounts.get("connection") + "/jparallel-engine.json");
			assertThat(volumes.get("connection").getSecret().getSecretName()).isEqualTo(FULLNAME + "-cluster");
			assertThat(volumes.get("connection").getSecret().getItems()).singleElement()
				.satisfies(item -> assertThat(item.getPath()).isEqualTo("jparallel-engine.json"));
			// -Djparallel.profile-dir, -Djparallel.cluster-id
			assertThat(envValue(container, "JPARALLEL_PROFILE_DIR")).as(service).isEqualTo(mounts.get("data"));
			assertThat(envValue(container, "JPARALLEL_CLUSTER_ID")).as(service).isEqualTo("jp");
			// -Deureka.client.service-url.defaultZone, -Deureka.instance.instance-id; the pod's address for Eureka
			JsonNode properties = json.readTree(envValue(container, "SPRING_APPLICATION_JSON"));
			assertThat(properties.at("/eureka/client/service-url/defaultZone").asText()).as(service)
				.isEqualTo("http://" + FULLNAME + "-registry:8761/eureka/");
			assertThat(envValue(container, "EUREKA_INSTANCE_INSTANCEID")).isEqualTo("$(POD_NAME)");
			assertThat(envValue(container, "EUREKA_INSTANCE_IPADDRESS")).isEqualTo("$(POD_IP)");
			assertThat(env(container, "POD_IP").orElseThrow().getValueFrom().getFieldRef().getFieldPath())
				.isEqualTo("status.podIP");
		}
		assertThat(chart.service("registry").getSpec().getPorts().get(0).getPort()).isEqualTo(8761);
		JsonNode scheduler = json.readTree(envValue(container(chart, "scheduler"), "SPRING_APPLICATION_JSON"));
		assertThat(scheduler.at("/jparallel/scheduler/scheme").asText()).isEqualTo("leastload");
		assertThat(scheduler.at("/jparallel/scheduler/hwm").asInt()).isEqualTo(16);
		assertThat(env(container(chart, "hub"), "JPARALLEL_HUB_ADMINPASSWORD").orElseThrow().getValueFrom()
			.getSecretKeyRef().getName()).isEqualTo(FULLNAME + "-cluster");
	}

	@Test
	void theConfigRepoConfigMapHoldsEveryConfigRepoFile() throws IOException {
		ConfigMap configRepo = ChartTemplates.render(ValueSet.defaults()).configMap("config-repo");

		List<String> files = ConfigRepoCopyTests.ymlFiles(ConfigRepoCopyTests.CONFIG_REPO);
		assertThat(configRepo.getData().keySet()).containsExactlyInAnyOrderElementsOf(files);
		for (String file : files) {
			assertThat(configRepo.getData().get(file)).as(file)
				.isEqualTo(Files.readString(ConfigRepoCopyTests.CONFIG_REPO.resolve(file)));
		}
	}

	@Test
	void theSecretsHoldConnectionFilesTheServicesAndClientsRead(@TempDir Path dir) throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults());

		ConnectionInfo engine = read(dir, "engine.json", chart.secretValue("cluster", "jparallel-engine.json"));
		ConnectionInfo client = read(dir, "client.json", chart.secretValue("client", "jparallel-client.json"));
		URI broker = URI.create(engine.brokerUri());
		String user = chart.secretValue("broker", "username");
		String password = chart.secretValue("broker", "password");

		assertThat(engine.clusterId()).isEqualTo("jp");
		assertThat(engine.key()).matches("[0-9a-f]{64}").isEqualTo(chart.secretValue("cluster", "hmac-key"));
		assertThat(engine.keyBytes()).hasSize(32);
		assertThat(broker.getHost()).isEqualTo(FULLNAME + "-rabbitmq");
		assertThat(broker.getPort()).isEqualTo(5672);
		assertThat(broker.getUserInfo()).isEqualTo(user + ":" + password);
		assertThat(user).isEqualTo("jp-jp");
		assertThat(password).hasSize(32);
		assertThat(engine.registryUrl()).isEqualTo("http://" + FULLNAME + "-registry:8761/eureka/");
		assertThat(engine.hubUrl()).isEqualTo("http://" + FULLNAME + "-hub:8080");
		assertThat(engine.hubAdminPassword()).isNull();
		// the client: same cluster and key, the broker through kubectl port-forward, the hub's admin user
		assertThat(client.clusterId()).isEqualTo(engine.clusterId());
		assertThat(client.key()).isEqualTo(engine.key());
		assertThat(client.brokerUri()).isEqualTo("amqp://" + user + ":" + password + "@127.0.0.1:5672");
		assertThat(client.hubUrl()).isEqualTo("http://127.0.0.1:8080");
		assertThat(client.hubAdminUser()).isEqualTo("admin");
		assertThat(client.hubAdminPassword()).isEqualTo(chart.secretValue("cluster", "hub-admin-password")).hasSize(24);
		// the bundled broker's one user is that one, with jpcluster's permissions: the cluster's names, and writes
		// to the default exchange (ClusterBrokerUser)
		assertThat(chart.secretValue("broker", "jparallel.conf").lines().toList()).contains("default_user = " + user,
				"default_pass = " + password, "default_permissions.configure = ^jp\\.jp\\..*",
				"default_permissions.read = (^jp\\.jp\\..*)|^amq\\.default$",
				"default_permissions.write = (^jp\\.jp\\..*)|^amq\\.default$", "default_user_tags.administrator = false");
		assertThat(chart.statefulSet("rabbitmq").getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(
				v -> assertThat(v.getSecret().getSecretName()).isEqualTo(FULLNAME + "-broker"));
	}

	@Test
	void theBundledBrokerCanBeExposedToClientsOutsideTheCluster(@TempDir Path dir) throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.defaults().with("rabbitmq.service.type", "LoadBalancer")
			.with("client.brokerHost", "amqp.example.com"));

		assertThat(chart.service("rabbitmq").getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(URI.create(read(dir, "client.json", chart.secretValue("client", "jparallel-client.json")).brokerUri())
			.getHost()).isEqualTo("amqp.example.com");
		assertThat(URI.create(read(dir, "engine.json", chart.secretValue("cluster", "jparallel-engine.json")).brokerUri())
			.getHost()).isEqualTo(FULLNAME + "-rabbitmq");
	}

	@Test
	void eachRenderGeneratesNewCredentialsButAnUpgradeKeepsTheInstalledOnes() throws IOException {
		RenderedChart installed = ChartTemplates.render(ValueSet.defaults());
		RenderedChart fresh = ChartTemplates.render(ValueSet.defaults());
		FakeKubernetesApi.install(installed);

		RenderedChart upgraded = ChartTemplates.render(ValueSet.defaults().with("engines.replicas", 8));

		assertThat(fresh.secretValue("cluster", "hmac-key")).isNotEqualTo(installed.secretValue("cluster", "hmac-key"));
		assertThat(upgraded.deployment("engines").getSpec().getReplicas()).isEqualTo(8);
		for (String key : List.of("hmac-key", "hub-admin-password", "jparallel-engine.json")) {
			assertThat(upgraded.secretValue("cluster", key)).as(key).isEqualTo(installed.secretValue("cluster", key));
		}
		assertThat(upgraded.secretValue("broker", "password")).isEqualTo(installed.secretValue("broker", "password"));
		assertThat(upgraded.secretValue("client", "jparallel-client.json"))
			.isEqualTo(installed.secretValue("client", "jparallel-client.json"));
	}

	@Test
	void anH2TrialKeepsTheHubDatabaseOnAVolumeClaim() {
		RenderedChart chart = ChartTemplates.render(ValueSet.file("h2-trial"));
		StatefulSet hub = chart.statefulSet("hub");
		Container container = hub.getSpec().getTemplate().getSpec().getContainers().get(0);

		assertThat(hub.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
			assertThat(claim.getMetadata().getName()).isEqualTo("data");
			assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("5Gi"));
		});
		assertThat(hub.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> "data".equals(v.getName()));
		assertThat(env(container, "SPRING_PROFILES_ACTIVE")).isEmpty();
		assertThat(chart.statefulSet("rabbitmq").getSpec().getVolumeClaimTemplates()).isEmpty();
		assertThat(chart.statefulSet("rabbitmq").getSpec().getTemplate().getSpec().getVolumes())
			.anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
		assertThat(chart.deployment("engines").getSpec().getReplicas()).isEqualTo(2);
		assertThat(chart.deployment("scheduler").getSpec().getReplicas()).isEqualTo(1);

		StatefulSet ephemeral = ChartTemplates.render(ValueSet.file("h2-trial").with("hub.persistence.enabled", false))
			.statefulSet("hub");
		assertThat(ephemeral.getSpec().getVolumeClaimTemplates()).isEmpty();
		assertThat(ephemeral.getSpec().getTemplate().getSpec().getVolumes())
			.anySatisfy(v -> assertThat(v.getName()).isEqualTo("data"));
	}

	@Test
	void externalPostgresAndRabbitmqReplaceTheBundledOnes(@TempDir Path dir) throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.file("external-services"));
		Container hub = container(chart, "hub");

		assertThat(chart.find("StatefulSet", FULLNAME + "-rabbitmq")).isEmpty();
		assertThat(chart.find("Service", FULLNAME + "-rabbitmq")).isEmpty();
		assertThat(chart.find("StatefulSet", FULLNAME + "-postgresql")).isEmpty();
		assertThat(envValue(hub, "SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
		assertThat(envValue(hub, "JPARALLEL_HUB_DB_URL")).isEqualTo("jdbc:postgresql://db.example.com:5432/jparallel");
		assertThat(envValue(hub, "JPARALLEL_HUB_DB_USERNAME")).isEqualTo("jparallel");
		EnvVar password = env(hub, "JPARALLEL_HUB_DB_PASSWORD").orElseThrow();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("jparallel-db");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
		// the hub's database is external: no claim, an emptyDir for its working directory
		assertThat(chart.statefulSet("hub").getSpec().getVolumeClaimTemplates()).isEmpty();

		ConnectionInfo engine = read(dir, "engine.json", chart.secretValue("cluster", "jparallel-engine.json"));
		ConnectionInfo client = read(dir, "client.json", chart.secretValue("client", "jparallel-client.json"));
		assertThat(engine.clusterId()).isEqualTo("prod-7");
		assertThat(engine.brokerUri()).isEqualTo("amqps://jp-prod-7:s3cret@rabbitmq.example.com:5671/jparallel");
		assertThat(engine.isTls()).isTrue();
		assertThat(engine.brokerCaCertificate()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(client.brokerUri()).isEqualTo(engine.brokerUri());
		assertThat(client.brokerCaCertificate()).isEqualTo(engine.brokerCaCertificate());
		assertThat(chart.secret("broker").getData()).containsOnlyKeys("uri");
		assertThat(envValue(hub, "JPARALLEL_CLUSTER_ID")).isEqualTo("prod-7");
	}

	@Test
	void theBundledPostgresqlServesTheHub() {
		RenderedChart chart = ChartTemplates.render(ValueSet.file("bundled-postgres"));
		Container hub = container(chart, "hub");
		StatefulSet postgres = chart.statefulSet("postgresql");
		Container server = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);

		assertThat(server.getImage()).isEqualTo("docker.io/library/postgres:16");
		assertThat(envValue(hub, "SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
		assertThat(envValue(hub, "JPARALLEL_HUB_DB_URL"))
			.isEqualTo("jdbc:postgresql://" + FULLNAME + "-postgresql:5432/" + envValue(server, "POSTGRES_DB"));
		assertThat(envValue(hub, "JPARALLEL_HUB_DB_USERNAME")).isEqualTo(envValue(server, "POSTGRES_USER"));
		assertThat(env(hub, "JPARALLEL_HUB_DB_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef())
			.isEqualTo(env(server, "POSTGRES_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef());
		assertThat(chart.secretValue("postgresql", "password")).hasSize(24);
		assertThat(chart.service("postgresql").getSpec().getPorts().get(0).getPort()).isEqualTo(5432);
	}

	@Test
	void metricsAddAServiceMonitorAndTheGrafanaDashboard() throws IOException {
		RenderedChart chart = ChartTemplates.render(ValueSet.file("metrics"));

		JsonNode monitor = chart.get("ServiceMonitor", FULLNAME).tree();
		assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
		assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
		assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
		Set<String> monitored = chart.ofKind("Service").stream()
			.filter(s -> "true".equals(s.tree().at("/metadata/labels/jparallel.io~1metrics").asText()))
			.map(RenderedChart.Manifest::name)
			.collect(Collectors.toSet());
		assertThat(monitored).containsExactlyInAnyOrder(FULLNAME + "-registry", FULLNAME + "-hub",
				FULLNAME + "-scheduler", FULLNAME + "-engines");

		ConfigMap dashboard = chart.configMap("dashboard");
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		assertThat(new ObjectMapper().readTree(dashboard.getData().get("jparallel.json")))
			.isEqualTo(new ObjectMapper().readTree(Files.readString(GrafanaDashboardTests.DASHBOARD)));

		JsonNode engineProperties = new ObjectMapper()
			.readTree(envValue(container(chart, "engines"), "SPRING_APPLICATION_JSON")).at("/jparallel/engine/properties");
		assertThat(engineProperties.path("gpu").asText()).isEqualTo("true");
		assertThat(engineProperties.path("mem_gb").asText()).isEqualTo("64");
	}

	@Test
	void podsCarryPrometheusScrapeAnnotationsUnlessTurnedOff() {
		RenderedChart annotated = ChartTemplates.render(ValueSet.defaults());
		RenderedChart plain = ChartTemplates.render(ValueSet.defaults().with("metrics.podAnnotations", false));

		for (String service : SERVICES) {
			Map<String, String> annotations = workload(annotated, service).template().getMetadata().getAnnotations();
			assertThat(annotations).as(service).containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/path", "/actuator/prometheus")
				.containsKey("checksum/config-repo");
			assertThat(workload(plain, service).template().getMetadata().getAnnotations()).as(service)
				.doesNotContainKey("prometheus.io/scrape");
		}
	}

	@Test
	void valuesOutsideTheValuesSchemaFail() {
		for (ValueSet wrong : List.of(ValueSet.defaults().with("engines.replica", 3),
				ValueSet.defaults().with("engines.replicas", "many"), ValueSet.defaults().with("hub.database.mode", "mysql"),
				ValueSet.defaults().with("scheduler.scheme", "fifo"), ValueSet.defaults().with("clusterId", "a.b"),
				ValueSet.defaults().with("rabbitmq.external.uri", "http://broker"))) {
			assertThatThrownBy(() -> ChartTemplates.render(wrong)).as("%s", wrong)
				.hasMessageContaining("values don't meet the specifications of the schema");
		}
	}

	@Test
	void inconsistentValuesFailWithTheFix() {
		assertThatThrownBy(() -> ChartTemplates.render(ValueSet.defaults().with("hub.database.mode", "postgres")))
			.hasMessageContaining("needs postgresql.enabled=true or postgresql.external.url");
		assertThatThrownBy(() -> ChartTemplates.render(ValueSet.defaults().with("rabbitmq.enabled", false)))
			.hasMessageContaining("rabbitmq.external.uri is required");
		assertThatThrownBy(() -> ChartTemplates.render(ValueSet.defaults().with("hub.database.mode", "postgres")
			.with("postgresql.external.url", "jdbc:postgresql://db:5432/jp")))
			.hasMessageContaining("postgresql.external.passwordSecret.name is required");
	}

	@Test
	void theNotesTellHowAClientConnects() {
		String notes = new Helm(ChartTemplates.CHART).install()
			.withName(ChartTemplates.RELEASE)
			.withNamespace(ChartTemplates.NAMESPACE)
			.clientOnly()
			.withDryRunOption(DryRun.CLIENT)
			.call()
			.getOutput();

		assertThat(notes).contains("NOTES:")
			.contains("kubectl -n jparallel-test get secret " + FULLNAME
					+ "-client -o jsonpath='{.data.jparallel-client\\.json}' | base64 -d > client.json")
			.contains("kubectl -n jparallel-test port-forward svc/" + FULLNAME + "-rabbitmq 5672:5672")
			.contains("Client rc = Client.connect(Path.of(\"client.json\"));")
			.contains("--set engines.replicas=N");
	}

	private static ConnectionInfo read(Path dir, String name, String json) throws IOException {
		Path file = dir.resolve(name);
		Files.writeString(file, json);
		return ConnectionFiles.read(file);
	}

	private static Workload workload(RenderedChart chart, String service) {
		String name = FULLNAME + "-" + service;
		return chart.workloads().stream().filter(w -> w.manifest().name().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("No workload " + name));
	}

	private static Container container(RenderedChart chart, String service) {
		return workload(chart, service).template().getSpec().getContainers().get(0);
	}


}
