package io.jparallel.hub.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading is open (engines, tasks, health, metrics: what jpcluster and dashboards poll); every write
 * (actuator write operations, resubmit, purge) needs HTTP basic authentication as the hub's admin user.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurity {

	@Bean
	SecurityFilterChain hubSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/**")
			.permitAll()
			.requestMatchers(HttpMethod.HEAD, "/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

}
