package io.jparallel.protocol.discovery;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class EurekaSettingsTests {

	@Test
	void bindsTheNamesTheOtherServicesUse() {
		EurekaSettings settings = bind(Map.of("eureka.client.service-url.defaultZone", "http://127.0.0.1:8761/eureka",
				"eureka.instance.instance-id", "engine-service-3", "eureka.instance.ip-address", "10.0.0.7",
				"eureka.instance.prefer-ip-address", "true", "eureka.instance.lease-renewal-interval-in-seconds", "5"));
		assertThat(settings.client().enabled()).isTrue();
		assertThat(settings.client().registryUrl()).isEqualTo("http://127.0.0.1:8761/eureka/");
		assertThat(settings.instance().instanceId()).isEqualTo("engine-service-3");
		assertThat(settings.instance().ipAddress()).isEqualTo("10.0.0.7");
		assertThat(settings.instance().preferIpAddress()).isTrue();
		assertThat(settings.instance().leaseRenewalIntervalInSeconds()).isEqualTo(5);
		assertThat(settings.instance().leaseExpirationDurationInSeconds()).isEqualTo(90);
	}

	@Test
	void anEnvironmentVariablesLowerCasedZoneAndAListOfZonesGiveTheFirstUrl() {
		EurekaSettings settings = bind(
				Map.of("eureka.client.service-url.defaultzone", "http://a:8761/eureka/, http://b:8761/eureka/"));
		assertThat(settings.client().registryUrl()).isEqualTo("http://a:8761/eureka/");
	}

	@Test
	void withoutARegistryOrWhenSwitchedOffTheEngineIsNotListed() {
		assertThat(new EurekaRegistration(bind(Map.of()), "engine-service").isEnabled()).isFalse();
		assertThat(new EurekaRegistration(bind(Map.of("eureka.client.service-url.defaultZone", "http://a:1/eureka/",
				"eureka.client.enabled", "false")), "engine-service").isEnabled()).isFalse();
		assertThat(new EurekaRegistration(bind(Map.of("eureka.client.service-url.defaultZone", "http://a:1/eureka/")), "engine-service")
			.isEnabled()).isTrue();
	}

	private static EurekaSettings bind(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return binder.bindOrCreate("eureka", EurekaSettings.class);
	}

}
