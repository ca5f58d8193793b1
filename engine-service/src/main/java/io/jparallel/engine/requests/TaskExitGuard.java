package io.jparallel.engine.requests;

import java.security.Permission;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import io.jparallel.engine.EngineProperties;

/**
 * Keeps a task from ending its engine: {@code System.exit} or {@code Runtime.halt} called on a task's
 * thread, or on any thread a task started, throws a {@link SecurityException} that the caller gets back as
 * a {@code RemoteError}, and the engine goes on serving. The engine's own exits (a shutdown request, a
 * signal) are not affected.
 * <p>
 * This needs a JVM that still lets a program install a security manager: JDK 17 does (it prints a
 * deprecation warning once), JDK 18 to 23 only with {@code -Djava.security.manager=allow}, later ones not
 * at all. Where it cannot guard, the engine says so when it starts, and an engine that exits is restarted
 * by {@code jpcluster}'s supervisor (its clients get {@code EngineError} for the requests it held).
 */
@Component
public class TaskExitGuard implements InitializingBean {

	private static final Log logger = LogFactory.getLog(TaskExitGuard.class);

	private static final InheritableThreadLocal<Boolean> TASK_THREAD = new InheritableThreadLocal<>();

	private final boolean enabled;

	private volatile boolean installed;

	public TaskExitGuard(EngineProperties properties) {
		this.enabled = properties.isGuardExit();
	}

	/** Marks the calling thread, and every thread it starts from now on, as running tasks. */
	static void markTaskThread() {
		TASK_THREAD.set(Boolean.TRUE);
	}

	static boolean isTaskThread() {
		return Boolean.TRUE.equals(TASK_THREAD.get());
	}

	@Override
	@SuppressWarnings("removal")
	public void afterPropertiesSet() {
		if (!this.enabled) {
			logger.info("Exit guard off (jparallel.engine.guard-exit=false): System.exit in a task ends this engine");
			return;
		}
		try {
			System.setSecurityManager(new ExitRefusingSecurityManager());
			this.installed = true;
			logger.info("Exit guard on: System.exit/Runtime.halt called by a task fails that task, the engine serves on");
		}
		catch (UnsupportedOperationException | SecurityException ex) {
			logger.warn("Exit guard unavailable on Java " + Runtime.version().feature() + " (" + ex.getMessage()
					+ "): System.exit in a task ends this engine; jpcluster's supervisor restarts it with a new id");
		}
	}

	public boolean isInstalled() {
		return this.installed;
	}

	/** Allows everything except an exit from a task thread. */
	@SuppressWarnings("removal")
	private static final class ExitRefusingSecurityManager extends SecurityManager {

		@Override
		public void checkPermission(Permission perm) {
			// everything is allowed; only exits are checked
		}

		@Override
		public void checkPermission(Permission perm, Object context) {
			// everything is allowed; only exits are checked
		}

		@Override
		public void checkExit(int status) {
			if (isTaskThread()) {
				throw new SecurityException("System.exit(" + status + ") or Runtime.halt(" + status
						+ ") was called by a task: an engine does not exit for a task (the task fails instead;"
						+ " set jparallel.engine.guard-exit=false to allow it)");
			}
		}

	}

}
