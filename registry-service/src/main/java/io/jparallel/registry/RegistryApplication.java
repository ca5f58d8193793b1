package io.jparallel.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/** The cluster's Eureka registry: engines, the hub and schedulers register here. */
@SpringBootApplication
@EnableEurekaServer
public class RegistryApplication {

	public static void main(String[] args) throws InterruptedException {
		QuietStart.fromSystemProperties().await(System.out);
		SpringApplication.run(RegistryApplication.class, args);
	}

}
