package io.jparallel.helm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import io.jparallel.helm.RenderedChart.Manifest;
import io.jparallel.helm.RenderedChart.Workload;

/**
 * What the API server (and the kubelet) would check beyond the shape of each document, and what makes a
 * release work rather than merely install: required fields, valid names and labels, and that every reference
 * inside the release points at something the release renders (selectors at pod labels, Service target ports
 * at named container ports, volumes at ConfigMaps and Secrets with those keys, mounts at volumes, probes at
 * ports). Returns the problems found, one line each.
 */
final class ManifestChecks {

	private static final Pattern DNS_1123_SUBDOMAIN = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

	private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

	private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

	private final RenderedChart chart;

	/** Secrets the release refers to but does not render (e.g. an external database password). */
	private final Set<String> externalSecrets;

	private final List<String> problems = new ArrayList<>();

	private ManifestChecks(RenderedChart chart, Set<String> externalSecrets) {
		this.chart = chart;
		this.externalSecrets = externalSecrets;
	}

	static List<String> problems(RenderedChart chart, Set<String> externalSecrets) {
		ManifestChecks checks = new ManifestChecks(chart, externalSecrets);
		checks.run();
		return checks.problems;
	}

	private void run() {
		Set<String> seen = new HashSet<>();
		for (Manifest manifest : this.chart.manifests()) {
			String id = manifest.kind() + "/" + manifest.name();
			check(seen.add(id), id, "rendered twice");
			metadata(manifest);
			if (manifest.resource() == null) {
				customResource(manifest);
			}
			else if (manifest.resource() instanceof Service service) {
				service(manifest, service);
			}
			else if (manifest.resource() instanceof Secret secret) {
				secret(manifest, secret);
			}
			else if (manifest.resource() instanceof ConfigMap configMap) {
				configMap(manifest, configMap);
			}
		}
		for (Workload workload : this.chart.workloads()) {
			workload(workload);
		}
	}

	private void metadata(Manifest manifest) {
		String where = manifest.source() + " " + manifest.kind() + "/" + manifest.name();
		JsonNode metadata = manifest.tree().path("metadata");
		String name = manifest.name();
		Pattern pattern = ("Service".equals(manifest.kind())) ? DNS_1123_LABEL : DNS_1123_SUBDOMAIN;
		check(!name.isEmpty() && name.length() <= 63 && pattern.matcher(name).matches(), where,
				"metadata.name is not a valid " + manifest.kind() + " name");
		check(!metadata.has("namespace") || DNS_1123_LABEL.matcher(metadata.path("namespace").asText()).matches(), where,
				"metadata.namespace is not a DNS-1123 label");
		metadata.path("labels").fields().forEachRemaining(label -> {
			check(label.getValue().isTextual(), where, "label " + label.getKey() + " is not a string");
			String value = label.getValue().asText();
			check(value.length() <= 63 && LABEL_VALUE.matcher(value).matches(), where,
					"label " + label.getKey() + "=" + value + " is not a valid label value");
		});
		metadata.path("annotations").fields().forEachRemaining(annotation -> check(annotation.getValue().isTextual(),
				where, "annotation " + annotation.getKey() + " is not a string"));
		check(manifest.tree().path("metadata").path("labels").has("app.kubernetes.io/instance"), where,
				"no app.kubernetes.io/instance label");
	}

	private void customResource(Manifest manifest) {
		String where = manifest.source() + " " + manifest.kind();
		for (String field : List.of("apiVersion", "kind", "metadata", "spec")) {
			check(manifest.tree().has(field), where, "missing " + field);
		}
	}

	private void service(Manifest manifest, Service service) {
		String where = manifest.source() + " Service/" + manifest.name();
		check(service.getSpec().getPorts() != null && !service.getSpec().getPorts().isEmpty(), where, "no ports");
		Map<String, String> selector = service.getSpec().getSelector();
		check(selector != null && !selector.isEmpty(), where, "no selector");
		if (selector == null) {
			return;
		}
		List<Workload> selected = this.chart.workloads().stream()
			.filter(w -> w.template().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.toList();
		check(selected.size() == 1, where, "its selector matches " + selected.size() + " workloads' pods, not 1");
		for (ServicePort port : service.getSpec().getPorts()) {
			check(port.getPort() != null && port.getPort() > 0 && port.getPort() < 65536, where, "port out of range");
			check(port.getName() != null && DNS_1123_LABEL.matcher(port.getName()).matches(), where,
					"port without a valid name");
			IntOrString target = port.getTargetPort();
			if (target != null && target.getStrVal() != null) {
				for (Workload workload : selected) {
					check(containerPorts(workload.template().getSpec()).contains(target.getStrVal()), where,
							"targetPort " + target.getStrVal() + " is no named port of " + workload.manifest().name());
				}
			}
		}
	}

	private void secret(Manifest manifest, Secret secret) {
		String where = manifest.source() + " Secret/" + manifest.name();
		check(secret.getData() != null && !secret.getData().isEmpty(), where, "no data");
		if (secret.getData() != null) {
			secret.getData().forEach((key, value) -> {
				check(CONFIG_KEY.matcher(key).matches(), where, "key " + key + " is not a valid data key");
				try {
					byte[] bytes = Base64.getDecoder().decode(value);
					check(bytes.length > 0, where, "key " + key + " is empty");
				}
				catch (IllegalArgumentException ex) {
					problem(where, "key " + key + " is not base64");
				}
			});
		}
	}

	private void configMap(Manifest manifest, ConfigMap configMap) {
		String where = manifest.source() + " ConfigMap/" + manifest.name();
		check(configMap.getData() != null && !configMap.getData().isEmpty(), where, "no data");
		if (configMap.getData() != null) {
			configMap.getData().keySet().forEach(key -> check(CONFIG_KEY.matcher(key).matches(), where,
					"key " + key + " is not a valid data key"));
			int bytes = configMap.getData().values().stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).sum();
			check(bytes < 1_048_576, where, "over the 1 MiB limit of a ConfigMap");
		}
	}

	private void workload(Workload workload) {
		String where = workload.manifest().source() + " " + workload.manifest().kind() + "/"
				+ workload.manifest().name();
		Map<String, String> podLabels = workload.template().getMetadata().getLabels();
		check(workload.selector() != null && !workload.selector().isEmpty(), where, "empty selector");
		check(podLabels != null && podLabels.entrySet().containsAll(workload.selector().entrySet()), where,
				"selector does not match the pod template's labels");
		if (workload.manifest().resource() instanceof StatefulSet set) {
			check(this.chart.find("Service", set.getSpec().getServiceName()).isPresent(), where,
					"serviceName " + set.getSpec().getServiceName() + " is not rendered");
		}
		PodSpec pod = workload.template().getSpec();
		check(pod.getContainers() != null && !pod.getContainers().isEmpty(), where, "no containers");
		Set<String> volumes = new HashSet<>(workload.claimTemplates());
		for (Volume volume : pod.getVolumes()) {
			check(volumes.add(volume.getName()), where, "volume " + volume.getName() + " defined twice");
			volumeSource(where, volume);
		}
		Set<String> containerNames = new HashSet<>();
		for (Container container : pod.getContainers()) {
			String in = where + " container " + container.getName();
			check(container.getName() != null && DNS_1123_LABEL.matcher(container.getName()).matches(), where,
					"container without a valid name");
			check(containerNames.add(container.getName()), in, "name used twice");
			check(container.getImage() != null && container.getImage().matches("[^\\s]+:[^:/\\s]+"), in,
					"image without a tag: " + container.getImage());
			check(container.getResources() != null && container.getResources().getRequests() != null
					&& container.getResources().getRequests().containsKey("memory"), in, "no memory request");
			Set<String> ports = containerPorts(pod);
			for (ContainerPort port : container.getPorts()) {
				check(port.getContainerPort() != null && port.getContainerPort() > 0 && port.getContainerPort() < 65536,
						in, "containerPort out of range");
				check(port.getName() == null || port.getName().length() <= 15, in, "port name over 15 characters");
			}
			Set<String> envNames = new HashSet<>();
			for (EnvVar env : container.getEnv()) {
				check(ENV_NAME.matcher(env.getName()).matches(), in, "env name " + env.getName() + " is not valid");
				check(envNames.add(env.getName()), in, "env " + env.getName() + " set twice");
				check((env.getValue() != null) != (env.getValueFrom() != null), in,
						"env " + env.getName() + " needs exactly one of value and valueFrom");
				if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
					secretKey(in, env.getValueFrom().getSecretKeyRef().getName(), env.getValueFrom().getSecretKeyRef().getKey());
				}
			}
			Set<String> mountPaths = new HashSet<>();
			for (VolumeMount mount : container.getVolumeMounts()) {
				check(volumes.contains(mount.getName()), in, "mounts volume " + mount.getName() + ", which is not defined");
				check(mountPaths.add(mount.getMountPath()), in, "mount path " + mount.getMountPath() + " used twice");
			}
			for (Probe probe : new Probe[] { container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe() }) {
				if (probe != null && probe.getHttpGet() != null) {
					IntOrString port = probe.getHttpGet().getPort();
					check(port.getIntVal() != null || ports.contains(port.getStrVal()), in,
							"probe port " + port.getStrVal() + " is no named container port");
					check(probe.getHttpGet().getPath().startsWith("/"), in, "probe path must start with /");
				}
			}
		}
	}

	private void volumeSource(String where, Volume volume) {
		if (volume.getConfigMap() != null) {
			Manifest configMap = this.chart.find("ConfigMap", volume.getConfigMap().getName()).orElse(null);
			check(configMap != null, where, "volume " + volume.getName() + ": ConfigMap " + volume.getConfigMap().getName()
					+ " is not rendered");
			if (configMap != null && volume.getConfigMap().getItems() != null) {
				for (KeyToPath item : volume.getConfigMap().getItems()) {
					check(((ConfigMap) configMap.resource()).getData().containsKey(item.getKey()), where,
							"volume " + volume.getName() + ": ConfigMap has no key " + item.getKey());
				}
			}
		}
		if (volume.getSecret() != null) {
			String name = volume.getSecret().getSecretName();
			if (volume.getSecret().getItems() != null) {
				for (KeyToPath item : volume.getSecret().getItems()) {
					secretKey(where + " volume " + volume.getName(), name, item.getKey());
				}
			}
			else {
				secretKey(where + " volume " + volume.getName(), name, null);
			}
			Integer mode = volume.getSecret().getDefaultMode();
			check(mode == null || (mode >= 0 && mode <= 0777), where, "volume " + volume.getName() + ": defaultMode "
					+ mode + " out of range");
		}
		check(volume.getConfigMap() != null || volume.getSecret() != null || volume.getEmptyDir() != null
				|| volume.getPersistentVolumeClaim() != null, where, "volume " + volume.getName() + " has no source");
	}

	private void secretKey(String where, String name, String key) {
		if (this.externalSecrets.contains(name)) {
			return;
		}
		Manifest secret = this.chart.find("Secret", name).orElse(null);
		check(secret != null, where, "refers to Secret " + name + ", which is not rendered");
		if (secret != null && key != null) {
			check(((Secret) secret.resource()).getData().containsKey(key), where,
					"refers to key " + key + " of Secret " + name + ", which it does not have");
		}
	}

	private static Set<String> containerPorts(PodSpec pod) {
		Set<String> names = new HashSet<>();
		for (Container container : pod.getContainers()) {
			container.getPorts().stream().map(ContainerPort::getName).filter(Objects::nonNull).forEach(names::add);
		}
		return names;
	}

	private void check(boolean ok, String where, String problem) {
		if (!ok) {
			problem(where, problem);
		}
	}

	private void problem(String where, String problem) {
		this.problems.add(where + ": " + problem);
	}

	/** The kinds a check covers, for the report. */
	static String describe(HasMetadata resource) {
		return resource.getKind() + "/" + resource.getMetadata().getName();
	}

}
