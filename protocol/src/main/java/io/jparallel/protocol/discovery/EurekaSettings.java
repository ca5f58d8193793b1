package io.jparallel.protocol.discovery;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The subset of Spring Cloud Netflix's {@code eureka.*} settings the registration of engines and schedulers honours, under
 * the same names, so that the config repository, {@code jpcluster} and the Helm chart configure engines and
 * schedulers exactly as they configure the services that use the Netflix client.
 *
 * @param client where the registry is, and whether to register at all
 * @param instance how this service is listed
 */
@ConfigurationProperties("eureka")
public record EurekaSettings(@DefaultValue Client client, @DefaultValue Instance instance) {

	/**
	 * @param enabled {@code false} keeps the service out of the registry (tests that run one alone)
	 * @param serviceUrl registry URLs by zone; {@code defaultZone} is used
	 */
	public record Client(@DefaultValue("true") boolean enabled, Map<String, String> serviceUrl) {

		/** The {@code defaultZone} URL ending in a slash, or null when none is configured. */
		public String registryUrl() {
			if (this.serviceUrl == null) {
				return null;
			}
			for (Map.Entry<String, String> zone : this.serviceUrl.entrySet()) {
				// an environment variable binds the key lower-cased
				if (zone.getKey().toLowerCase(Locale.ROOT).equals("defaultzone") && !zone.getValue().isBlank()) {
					String url = zone.getValue().split(",")[0].trim();
					return url.endsWith("/") ? url : url + "/";
				}
			}
			return null;
		}

	}

	/**
	 * @param instanceId the instance id ({@code jpcluster} sets {@code <service>-<n>}); default
	 * {@code <host>:<service>:<port>}
	 * @param ipAddress the address others reach the service at (the pod IP under Helm)
	 * @param hostname the host name to list; the ip address when {@code preferIpAddress}
	 * @param preferIpAddress list the ip address as the host name
	 * @param leaseRenewalIntervalInSeconds how often to renew the lease
	 * @param leaseExpirationDurationInSeconds how long the registry keeps an unrenewed lease
	 */
	public record Instance(String instanceId, String ipAddress, String hostname,
			@DefaultValue("false") boolean preferIpAddress, @DefaultValue("30") int leaseRenewalIntervalInSeconds,
			@DefaultValue("90") int leaseExpirationDurationInSeconds) {
	}

}
