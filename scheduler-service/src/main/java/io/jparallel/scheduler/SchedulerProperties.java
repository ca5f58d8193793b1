package io.jparallel.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Scheduler settings. */
@Component
@ConfigurationProperties("jparallel.scheduler")
public class SchedulerProperties {

	/**
	 * How load-balanced tasks are placed: pure, lru, leastload, plainrandom, twobin or weighted (see
	 * {@code io.jparallel.scheduler.tasks.Scheme}).
	 */
	private String scheme = "leastload";

	/**
	 * High-water mark: most tasks an engine holds (running and queued) before the scheduler gives it
	 * more; 0 = no limit. Tasks travel in batches of half of it. Larger is faster for tiny tasks (4 engines
	 * of a 2-core machine: about 2,000 no-op tasks/s at 8, 2,600 at 16, 3,600 unlimited), smaller balances
	 * uneven tasks better (ipyparallel's default is 1).
	 */
	private int hwm = 16;

	public String getScheme() {
		return this.scheme;
	}

	public void setScheme(String scheme) {
		this.scheme = scheme;
	}

	public int getHwm() {
		return this.hwm;
	}

	public void setHwm(int hwm) {
		this.hwm = hwm;
	}

}
