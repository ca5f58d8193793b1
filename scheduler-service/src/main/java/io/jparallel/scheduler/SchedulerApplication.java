package io.jparallel.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

import io.jparallel.protocol.admin.AdminConfiguration;
import io.jparallel.protocol.amqp.ClusterConnectionConfiguration;

/**
 * The scheduler: a Spring Boot application without Spring Boot's auto-configuration, a servlet container or
 * the Netflix Eureka client, as an engine is. It sits on every request's path and looks nobody up; its context
 * makes 31 beans, against 421 with them (its actuator over Tomcat, the Eureka client, auto-configured defaults),
 * and its start costs 3.0-3.2 CPU-seconds against 5.1. Its admin port is
 * the JDK's HTTP server ({@link io.jparallel.scheduler.routing.SchedulerAdminServer}), with the actuator's
 * read-only paths, and it lists itself in the registry over REST ({@link AdminConfiguration}).
 */
@SpringBootConfiguration
@ComponentScan
@Import({ ClusterConnectionConfiguration.class, AdminConfiguration.class })
public class SchedulerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SchedulerApplication.class, args);
	}

}
