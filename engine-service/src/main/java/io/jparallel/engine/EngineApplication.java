package io.jparallel.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

import io.jparallel.protocol.admin.AdminConfiguration;
import io.jparallel.protocol.amqp.ClusterConnectionConfiguration;

/**
 * An engine: a Spring Boot application without a servlet container (its admin port is the JDK's HTTP
 * server) and without the Netflix Eureka client (it lists itself in the registry over REST), which halves
 * the CPU an engine spends starting; a cluster starts several on the same cores.
 * <p>
 * Nor does it use Spring Boot's auto-configuration: of the 196 beans it made, 150 were auto-configured
 * (actuator endpoint and health machinery, task executors and schedulers, SSL bundles, observation, a
 * RabbitTemplate and listener container factories) and none of those served an engine, whose admin port
 * answers from its own beans. Its context is its own components, the cluster connection and its meter
 * registry and registry listing ({@link AdminConfiguration}).
 */
@SpringBootConfiguration
@ComponentScan
@Import({ ClusterConnectionConfiguration.class, AdminConfiguration.class })
public class EngineApplication {

	public static void main(String[] args) {
		SpringApplication.run(EngineApplication.class, args);
	}

}
