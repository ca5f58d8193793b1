package io.jparallel.hub.admin;

import java.security.SecureRandom;

import jakarta.servlet.DispatcherType;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.jparallel.hub.config.HubProperties;

/**
 * Reading is open (engines, tasks, health, metrics: what jpcluster and dashboards poll); every write
 * (actuator write operations, resubmit, purge) needs HTTP basic authentication as the hub's admin user,
 * {@value AdminPassword#USERNAME}, whose password is {@code jparallel.hub.admin-password} or, unset, one
 * generated at start (see {@link AdminPassword}). Without it, or with a wrong one: 401, nothing done.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class AdminSecurity {

	static final String ADMIN_ROLE = "ADMIN";

	static final int GENERATED_PASSWORD_STRENGTH = 4;

	private static final Log logger = LogFactory.getLog(AdminSecurity.class);

	@Bean
	SecurityFilterChain hubSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/**")
			.permitAll()
			.requestMatchers(HttpMethod.HEAD, "/**")
			.permitAll()
			.anyRequest()
			.hasRole(ADMIN_ROLE))
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	/** The one user; its password is kept only hashed. */
	@Bean
	InMemoryUserDetailsManager adminUsers(AdminProperties admin, HubProperties hub) {
		AdminPassword password = AdminPassword.configuredOrGenerated(admin.adminPassword(), hub.getProfileDir(),
				new SecureRandom());
		if (password.file() != null) {
			logger.info("Hub admin user '" + AdminPassword.USERNAME + "': password generated in " + password.file()
					+ " (set jparallel.hub.admin-password to choose one)");
		}
		else {
			logger.info("Hub admin user '" + AdminPassword.USERNAME + "': password from jparallel.hub.admin-password");
		}
		return new InMemoryUserDetailsManager(User.withUsername(AdminPassword.USERNAME)
			.password(hashed(password))
			.roles(ADMIN_ROLE)
			.build());
	}

	/**
	 * The password as the user store keeps it: bcrypt, the default work factor (2^10 rounds) for a configured
	 * password, which a person chose, and the least (2^4) for a generated one. A generated password is 192
	 * random bits, which no work factor makes harder to guess, and hashing it with the default took 124 ms of
	 * the hub's start on its main thread (a tenth of a JFR profile's samples of the start), 13 ms now.
	 */
	static String hashed(AdminPassword password) {
		if (password.file() == null) {
			return PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password.value());
		}
		return "{bcrypt}" + new BCryptPasswordEncoder(GENERATED_PASSWORD_STRENGTH).encode(password.value());
	}

}
