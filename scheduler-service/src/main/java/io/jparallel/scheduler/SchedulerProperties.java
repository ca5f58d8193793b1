package io.jparallel.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Scheduler settings. */
@Component
@ConfigurationProperties("jparallel.scheduler")
public class SchedulerProperties {

	/** How many requests the scheduler takes from the broker ahead of placing them. */
	private int prefetch = 50;

	public int getPrefetch() {
		return this.prefetch;
	}

	public void setPrefetch(int prefetch) {
		this.prefetch = prefetch;
	}

}
