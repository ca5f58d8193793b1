package io.jparallel.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** Engine settings. */
@Component
@ConfigurationProperties("jparallel.engine")
public class EngineProperties {

	/** How many load-balanced tasks the engine takes from the shared queue ahead of running them. */
	private int taskPrefetch = 1;

	/** How many direct requests the engine takes from its MUX queue ahead of running them. */
	private int muxPrefetch = 100;

	/** How often the engine tells the hub it is alive. */
	private Duration heartbeatPeriod = Duration.ofSeconds(1);

	/** How long to wait for a client to send a class the engine lacks. */
	private Duration classFetchTimeout = Duration.ofSeconds(10);

	/** How long a shutdown requested by a client may take before the JVM is halted. */
	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	/**
	 * Properties the engine publishes for tasks to require, e.g. {@code gpu: "true"}; the engine adds
	 * {@code hostname}, {@code cores}, {@code os} and {@code java} unless configured here.
	 */
	private Map<String, String> properties = new LinkedHashMap<>();

	/**
	 * Whether {@code System.exit}/{@code Runtime.halt} called by a task fails the task instead of ending
	 * the engine (on JVMs that still allow a security manager).
	 */
	private boolean guardExit = true;

	/**
	 * How long the engine must have taken no request (counted from its registration) before it warms its
	 * JShell kernel up (javac started, default imports compiled: 1-1.5 CPU-seconds), once the machine's cores
	 * are also mostly idle, so that a cluster's engines do not warm up while the others are still starting on
	 * the same cores, nor while a client keeps any of them busy. A snippet that arrives sooner starts the
	 * kernel itself.
	 */
	private Duration warmUpDelay = Duration.ofSeconds(5);

	/** The pid file {@code jpcluster} recorded for this engine; removed when the engine is asked to stop. */
	private String pidFile;

	public boolean isGuardExit() {
		return this.guardExit;
	}

	public void setGuardExit(boolean guardExit) {
		this.guardExit = guardExit;
	}

	public String getPidFile() {
		return this.pidFile;
	}

	public void setPidFile(String pidFile) {
		this.pidFile = pidFile;
	}

	public int getTaskPrefetch() {
		return this.taskPrefetch;
	}

	public void setTaskPrefetch(int taskPrefetch) {
		this.taskPrefetch = taskPrefetch;
	}

	public int getMuxPrefetch() {
		return this.muxPrefetch;
	}

	public void setMuxPrefetch(int muxPrefetch) {
		this.muxPrefetch = muxPrefetch;
	}

	public Duration getHeartbeatPeriod() {
		return this.heartbeatPeriod;
	}

	public void setHeartbeatPeriod(Duration heartbeatPeriod) {
		this.heartbeatPeriod = heartbeatPeriod;
	}

	public Duration getWarmUpDelay() {
		return this.warmUpDelay;
	}

	public void setWarmUpDelay(Duration warmUpDelay) {
		this.warmUpDelay = warmUpDelay;
	}

	public Duration getClassFetchTimeout() {
		return this.classFetchTimeout;
	}

	public void setClassFetchTimeout(Duration classFetchTimeout) {
		this.classFetchTimeout = classFetchTimeout;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Map<String, String> getProperties() {
		return this.properties;
	}

	public void setProperties(Map<String, String> properties) {
		this.properties = properties;
	}

}
