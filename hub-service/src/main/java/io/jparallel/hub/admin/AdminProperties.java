package io.jparallel.hub.admin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hub's admin user, under {@code jparallel.hub}.
 *
 * @param adminPassword the password of the user {@code admin}; when unset, one is generated at every start
 * and written to {@code <jparallel.profile-dir>/security/hub-admin.password}, readable by the owner only
 */
@ConfigurationProperties("jparallel.hub")
public record AdminProperties(@Nullable String adminPassword) {

	@Override
	public String toString() {
		return "AdminProperties[adminPassword=" + ((this.adminPassword != null) ? "******" : "generated") + "]";
	}

}
