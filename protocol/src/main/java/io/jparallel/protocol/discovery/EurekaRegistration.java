package io.jparallel.protocol.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.json.JsonDocuments;

/**
 * Lists a service in the Eureka registry under its application name (an engine as {@code ENGINE-SERVICE},
 * with its admin port and metadata: its engine id and uuid; a scheduler as {@code SCHEDULER-SERVICE}),
 * renews the lease, registers again when the registry has forgotten it (a registry restart), and cancels the
 * lease when the service stops. It speaks Eureka's REST API directly: the Netflix client would also fetch and
 * cache the whole registry, which neither service reads, and costs about half a CPU-second and 20 MiB per
 * process at start. All calls run on one background thread, so a slow or absent registry never holds up the
 * service.
 * <p>
 * The calls go through {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: building that client
 * sets up TLS (the default {@code SSLContext} and the JDK's trust store) even for plain HTTP, and with its
 * selector and worker threads it loaded about 1,250 more classes into every engine, for three calls a lease.
 */
public class EurekaRegistration {

	private static final Log logger = LogFactory.getLog(EurekaRegistration.class);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private final EurekaSettings settings;

	/** The application as Eureka lists it, e.g. {@code ENGINE-SERVICE}. */
	private final String application;

	/** The virtual host name, the service's {@code spring.application.name}, e.g. {@code engine-service}. */
	private final String vip;

	private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "eureka-lease");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Listing listing;

	private volatile boolean registered;

	/**
	 * @param settings the service's {@code eureka.*} settings
	 * @param applicationName the service's {@code spring.application.name}, e.g. {@code engine-service}
	 */
	public EurekaRegistration(EurekaSettings settings, String applicationName) {
		this.settings = settings;
		this.vip = applicationName;
		this.application = applicationName.toUpperCase(java.util.Locale.ROOT);
	}

	/** Whether the service is to be listed at all (a registry is configured and not switched off). */
	public boolean isEnabled() {
		return this.settings.client().enabled() && this.settings.client().registryUrl() != null;
	}

	/**
	 * Lists the service (in the background) and keeps it listed until {@link #cancel()}.
	 * @param port the service's admin HTTP port
	 * @param metadata instance metadata, e.g. the engine id
	 */
	public void register(int port, Map<String, String> metadata) {
		if (!isEnabled()) {
			return;
		}
		this.listing = new Listing(port, Map.copyOf(metadata), System.currentTimeMillis());
		this.renewals.execute(this::registerNow);
		long period = Math.max(1, this.settings.instance().leaseRenewalIntervalInSeconds());
		this.renewals.scheduleAtFixedRate(this::renew, period, period, TimeUnit.SECONDS);
	}

	/** Lists the service again with new metadata (an engine's new id), in the background. */
	public void update(Map<String, String> metadata) {
		Listing current = this.listing;
		if (!isEnabled() || current == null) {
			return;
		}
		this.listing = new Listing(current.port(), Map.copyOf(metadata), System.currentTimeMillis());
		this.registered = false;
		this.renewals.execute(this::registerNow);
	}

	/** Stops renewing and removes the service from the registry (best effort, a few seconds at most). */
	public void cancel() {
		this.renewals.shutdownNow();
		if (!this.registered || this.listing == null) {
			return;
		}
		try {
			Response response = call("DELETE", instancePath(), null);
			logger.info("Removed " + instanceId() + " from the registry (HTTP " + response.status() + ")");
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not remove " + instanceId() + " from the registry: " + ex.getMessage());
		}
		this.registered = false;
	}

	/** The instance id the service is listed under. */
	public String instanceId() {
		String configured = this.settings.instance().instanceId();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return hostName() + ":" + this.vip + ":" + ((this.listing != null) ? this.listing.port() : 0);
	}

	private void registerNow() {
		try {
			String body = JsonDocuments.write(Map.of("instance", instance(this.listing)));
			Response response = call("POST", "apps/" + this.application, body);
			if (response.status() / 100 == 2) {
				if (!this.registered) {
					logger.info("Listed in the registry as " + instanceId() + " (port " + this.listing.port() + ", "
							+ this.listing.metadata() + ")");
				}
				this.registered = true;
			}
			else {
				logger.warn("The registry refused " + instanceId() + ": HTTP " + response.status() + " "
						+ response.body() + "; trying again at the next renewal");
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.info("Registry not reachable yet (" + ex.getMessage() + "); trying again at the next renewal");
		}
	}

	private void renew() {
		if (!this.registered) {
			registerNow();
			return;
		}
		try {
			String query = "?status=UP&lastDirtyTimestamp=" + this.listing.dirtyTimestamp();
			Response response = call("PUT", instancePath() + query, null);
			if (response.status() == 404) {
				logger.info("The registry has forgotten " + instanceId() + "; listing it again");
				this.registered = false;
				registerNow();
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Lease renewal of " + instanceId() + " failed: " + ex.getMessage());
		}
	}

	private Map<String, Object> instance(Listing listing) {
		String host = hostName();
		String base = "http://" + host + ":" + listing.port() + "/";
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("instanceId", instanceId());
		instance.put("hostName", host);
		instance.put("app", this.application);
		instance.put("ipAddr", ipAddress());
		instance.put("status", "UP");
		instance.put("overriddenStatus", "UNKNOWN");
		instance.put("port", Map.of("$", listing.port(), "@enabled", "true"));
		instance.put("securePort", Map.of("$", 443, "@enabled", "false"));
		instance.put("countryId", 1);
		instance.put("dataCenterInfo",
				Map.of("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name", "MyOwn"));
		instance.put("leaseInfo", Map.of("renewalIntervalInSecs", this.settings.instance().leaseRenewalIntervalInSeconds(),
				"durationInSecs", this.settings.instance().leaseExpirationDurationInSeconds()));
		instance.put("metadata", listing.metadata());
		instance.put("homePageUrl", base);
		instance.put("statusPageUrl", base + "actuator/info");
		instance.put("healthCheckUrl", base + "actuator/health");
		instance.put("vipAddress", this.vip);
		instance.put("secureVipAddress", this.vip);
		instance.put("isCoordinatingDiscoveryServer", "false");
		instance.put("lastUpdatedTimestamp", String.valueOf(listing.dirtyTimestamp()));
		instance.put("lastDirtyTimestamp", String.valueOf(listing.dirtyTimestamp()));
		return instance;
	}

	/** One call to the registry; {@code body} is JSON, or null for none. */
	private Response call(String method, String path, String body) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(this.settings.client().registryUrl() + path)
			.toURL()
			.openConnection();
		try {
			connection.setConnectTimeout((int) CALL_TIMEOUT.toMillis());
			connection.setReadTimeout((int) CALL_TIMEOUT.toMillis());
			connection.setRequestMethod(method);
			connection.setRequestProperty("Accept", "application/json");
			if (body != null) {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				connection.setFixedLengthStreamingMode(bytes.length);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(bytes);
				}
			}
			int status = connection.getResponseCode();
			// read to the end, so that the connection can be kept alive for the next renewal
			try (InputStream in = (status >= 400) ? connection.getErrorStream() : connection.getInputStream()) {
				String text = (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "";
				return new Response(status, text);
			}
		}
		catch (IOException ex) {
			connection.disconnect();
			throw ex;
		}
	}

	private String instancePath() {
		return "apps/" + this.application + "/" + instanceId();
	}

	private String hostName() {
		EurekaSettings.Instance instance = this.settings.instance();
		if (instance.preferIpAddress() || instance.hostname() == null || instance.hostname().isBlank()) {
			return instance.preferIpAddress() ? ipAddress() : localHostName();
		}
		return instance.hostname();
	}

	private String ipAddress() {
		String configured = this.settings.instance().ipAddress();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		try {
			return InetAddress.getLocalHost().getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "127.0.0.1";
		}
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	/** A registry's answer: its HTTP status and body. */
	private record Response(int status, String body) {
	}

	/** What is listed: the port, the metadata, and when they were set (Eureka's dirty timestamp). */
	private record Listing(int port, Map<String, String> metadata, long dirtyTimestamp) {
	}

}
