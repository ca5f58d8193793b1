package io.jparallel.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import io.jparallel.engine.discovery.EurekaSettings;
import io.jparallel.protocol.amqp.ClusterConnectionConfiguration;

/**
 * An engine: a Spring Boot application without a servlet container (its admin port is the JDK's HTTP
 * server) and without the Netflix Eureka client (it lists itself in the registry over REST), which halves
 * the CPU an engine spends starting; a cluster starts several on the same cores.
 */
@SpringBootApplication
@EnableConfigurationProperties(EurekaSettings.class)
@Import(ClusterConnectionConfiguration.class)
public class EngineApplication {

	public static void main(String[] args) {
		SpringApplication.run(EngineApplication.class, args);
	}

}
