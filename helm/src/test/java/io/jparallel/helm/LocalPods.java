package io.jparallel.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import io.jparallel.helm.RenderedChart.Workload;
import io.jparallel.protocol.broker.FreePorts;

/**
 * Runs the JParallel pods of a rendered chart as local processes, doing what the kubelet would with what the
 * chart says, minus the containers: each container's environment (field references resolved, {@code $(VAR)}
 * expanded), its ConfigMap and Secret volumes written as files under a directory per pod (mount paths mapped
 * there), {@code emptyDir} and claim volumes as empty directories, the image's entrypoint
 * ({@code docker/entrypoint.sh} over the Maven-built jar and {@code target/lib}, the image's layout), and the
 * cluster's DNS: every pod gets its own port on loopback, and the release's Service names
 * ({@code <fullname>-registry:8761}) are rewritten to them.
 */
final class LocalPods implements AutoCloseable {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

	/** The repository root, from the helm module directory. */
	private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

	private final RenderedChart chart;

	private final Path dir;

	/** {@code <service host>:<service port>} → {@code 127.0.0.1:<pod port>}. */
	private final Map<String, String> serviceAddresses = new LinkedHashMap<>();

	private final List<Pod> pods = new ArrayList<>();

	/**
	 * A started pod.
	 * @param name its name, as a Deployment or StatefulSet would give it
	 * @param port its HTTP port on loopback
	 * @param container its container, as rendered
	 * @param process the process
	 * @param log its output
	 */
	record Pod(String name, int port, Container container, Process process, Path log) {
	}

	LocalPods(RenderedChart chart, Path dir) {
		this.chart = chart;
		this.dir = dir;
	}

	/**
	 * Starts {@code replicas} pods of a workload (the service for its image's entrypoint); a workload whose
	 * Service others reach by name must be started before them.
	 */
	List<Pod> start(Workload workload, String service, int replicas) {
		List<Pod> started = new ArrayList<>();
		for (int i = 0; i < replicas; i++) {
			String podName = workload.manifest().name() + "-" + i;
			Container container = workload.template().getSpec().getContainers().get(0);
			int containerPort = container.getPorts().get(0).getContainerPort();
			int port = FreePorts.pick();
			publishServices(workload, containerPort, port);
			Path podDir = this.dir.resolve(podName);
			Map<String, String> mounts = mount(workload, container, podDir);
			Map<String, String> environment = environment(container, podName, mounts);
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("JPARALLEL_SERVICE", service);
			environment.put("JPARALLEL_HOME", HOME.resolve(service).resolve("target").toString());
			Path log = podDir.resolve("pod.log");
			ProcessBuilder builder = new ProcessBuilder(HOME.resolve("docker").resolve("entrypoint.sh").toString())
				.directory(podDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			try {
				Pod pod = new Pod(podName, port, container, builder.start(), log);
				this.pods.add(pod);
				started.add(pod);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start " + podName, ex);
			}
		}
		return started;
	}

	List<Pod> pods() {
		return List.copyOf(this.pods);
	}

	/** A Secret's file as a pod would see it: decoded, with Service names resolved to loopback. */
	String secretFile(String secretName, String key) {
		Secret secret = (Secret) this.chart.get("Secret", secretName).resource();
		return resolveServices(new String(Base64.getDecoder().decode(secret.getData().get(key))));
	}

	/** The last lines of every pod's output, for a failure message. */
	String logs() {
		StringBuilder text = new StringBuilder();
		for (Pod pod : this.pods) {
			text.append("=== ").append(pod.name()).append(pod.process().isAlive() ? "" : " (exited " + pod.process().exitValue() + ")")
				.append('\n');
			try {
				List<String> lines = Files.readAllLines(pod.log());
				lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(l -> text.append(l).append('\n'));
			}
			catch (IOException ex) {
				text.append("(no log: ").append(ex.getMessage()).append(")\n");
			}
		}
		return text.toString();
	}

	@Override
	public void close() {
		for (Pod pod : this.pods) {
			pod.process().destroy();
		}
		for (Pod pod : this.pods) {
			try {
				if (!pod.process().waitFor(30, TimeUnit.SECONDS)) {
					pod.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				pod.process().destroyForcibly();
			}
		}
	}

	private void publishServices(Workload workload, int containerPort, int port) {
		for (RenderedChart.Manifest manifest : this.chart.ofKind("Service")) {
			io.fabric8.kubernetes.api.model.Service service = (io.fabric8.kubernetes.api.model.Service) manifest.resource();
			if (workload.template().getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
				service.getSpec().getPorts().forEach(p -> this.serviceAddresses.putIfAbsent(manifest.name() + ":" + p.getPort(),
						"127.0.0.1:" + port));
			}
		}
	}

	/** Makes a Service address (host:port) reach something started outside, as a Service would. */
	void publish(String serviceAddress, String localAddress) {
		this.serviceAddresses.put(serviceAddress, localAddress);
	}

	/** Service addresses in URLs and URIs ({@code //host:port}, {@code user:pass@host:port}) as loopback ones. */
	private String resolveServices(String text) {
		String resolved = text;
		for (Map.Entry<String, String> address : this.serviceAddresses.entrySet()) {
			resolved = resolved.replace("//" + address.getKey(), "//" + address.getValue())
				.replace("@" + address.getKey(), "@" + address.getValue());
		}
		return resolved;
	}

	/** Writes the pod's volumes; returns mount path → local directory. */
	private Map<String, String> mount(Workload workload, Container container, Path podDir) {
		Map<String, Volume> volumes = new LinkedHashMap<>();
		workload.template().getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
		Map<String, String> mounts = new LinkedHashMap<>();
		try {
			for (VolumeMount mount : container.getVolumeMounts()) {
				Path local = podDir.resolve("volumes").resolve(mount.getName());
				Files.createDirectories(local);
				Volume volume = volumes.get(mount.getName());
				if (volume != null && volume.getConfigMap() != null) {
					ConfigMap configMap = (ConfigMap) this.chart.get("ConfigMap", volume.getConfigMap().getName()).resource();
					for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
						Files.writeString(local.resolve(file.getKey()), file.getValue());
					}
				}
				else if (volume != null && volume.getSecret() != null) {
					for (KeyToPath item : volume.getSecret().getItems()) {
						Files.writeString(local.resolve(item.getPath()), secretFile(volume.getSecret().getSecretName(), item.getKey()));
					}
				}
				mounts.put(mount.getMountPath(), local.toString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return mounts;
	}

	private Map<String, String> environment(Container container, String podName, Map<String, String> mounts) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (EnvVar env : container.getEnv()) {
			String value;
			if (env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null) {
				String field = env.getValueFrom().getFieldRef().getFieldPath();
				value = switch (field) {
					case "metadata.name" -> podName;
					case "status.podIP" -> "127.0.0.1";
					default -> throw new IllegalStateException("No local value for field " + field);
				};
			}
			else if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
				value = secretFile(env.getValueFrom().getSecretKeyRef().getName(), env.getValueFrom().getSecretKeyRef().getKey());
			}
			else {
				value = expand(env.getValue(), environment);
			}
			environment.put(env.getName(), resolveServices(localPath(value, mounts)));
		}
		return environment;
	}

	/** A path inside the container as the local directory its volume is in; any other value as it is. */
	private static String localPath(String value, Map<String, String> mounts) {
		String longest = null;
		for (String mountPath : mounts.keySet()) {
			boolean inside = value.equals(mountPath) || value.startsWith(mountPath + "/");
			if (inside && (longest == null || mountPath.length() > longest.length())) {
				longest = mountPath;
			}
		}
		return (longest == null) ? value : mounts.get(longest) + value.substring(longest.length());
	}

	/** {@code $(NAME)} of an earlier variable, as the kubelet expands it. */
	private static String expand(String value, Map<String, String> earlier) {
		Matcher variable = VARIABLE.matcher(value);
		StringBuilder expanded = new StringBuilder();
		while (variable.find()) {
			variable.appendReplacement(expanded,
					Matcher.quoteReplacement(earlier.getOrDefault(variable.group(1), variable.group())));
		}
		variable.appendTail(expanded);
		return expanded.toString();
	}

}
