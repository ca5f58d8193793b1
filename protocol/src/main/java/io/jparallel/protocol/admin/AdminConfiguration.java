package io.jparallel.protocol.admin;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.jparallel.protocol.discovery.EurekaRegistration;
import io.jparallel.protocol.discovery.EurekaSettings;

/**
 * What a service without Spring Boot's auto-configuration, servlet container and Netflix Eureka client
 * (engines, schedulers) needs to be seen by operators, made here rather than by the auto-configuration those
 * services do without: Prometheus' meter registry with the {@link ProcessMeters}, and the service's
 * {@link EurekaRegistration} (the {@code eureka.*} settings bound as {@link EurekaSettings}). The service
 * opens its {@link AdminHttpServer} and lists its port when it is ready to.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EurekaSettings.class)
public class AdminConfiguration {

	@Bean(destroyMethod = "close")
	public PrometheusMeterRegistry prometheusMeterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

	/** The JVM and process meters; their collection listener stops with the service. */
	@Bean(destroyMethod = "close")
	public AutoCloseable processMeters(PrometheusMeterRegistry registry) {
		return ProcessMeters.bindTo(registry);
	}

	@Bean
	public EurekaRegistration eurekaRegistration(EurekaSettings settings, Environment environment) {
		return new EurekaRegistration(settings, environment.getRequiredProperty("spring.application.name"));
	}

}
