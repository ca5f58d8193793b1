package io.jparallel.scheduler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.jparallel.protocol.amqp.ClusterConnectionConfiguration;

@SpringBootApplication
@Import(ClusterConnectionConfiguration.class)
public class SchedulerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SchedulerApplication.class, args);
	}

}
