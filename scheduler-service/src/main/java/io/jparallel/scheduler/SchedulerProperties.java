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
	 * more; 0 = no limit. Tasks travel in batches of half of it. Unset (the default), each engine's limit
	 * adapts: 16, raised up to 256 while the engine finishes that many tasks within 100 ms
	 * ({@code tasks.EngineCredit}), so tiny tasks are not held back by the scheduler's round trip while
	 * tasks of a few milliseconds or more are placed as with 16. Larger is faster for tiny tasks, smaller
	 * balances uneven tasks better (ipyparallel's default is 1).
	 */
	private Integer hwm;

	public String getScheme() {
		return this.scheme;
	}

	public void setScheme(String scheme) {
		this.scheme = scheme;
	}

	public Integer getHwm() {
		return this.hwm;
	}

	public void setHwm(Integer hwm) {
		this.hwm = hwm;
	}

}
