package io.jparallel.client;

import io.jparallel.protocol.MetadataKeys;

/**
 * An exception raised on an engine, with the engine's id, the kind of request that raised it and its
 * remote stack trace. Its message reads like ipyparallel's: {@code [0:execute]: java.lang.ArithmeticException: / by zero}.
 * <pre>{@code
 * try { rc.get(0).execute("1/0;").get(); }
 * catch (RemoteError e) { System.out.println(e.engineId() + " " + e.ename() + "\n" + e.remoteTraceback()); }
 * }</pre>
 */
public class RemoteError extends JParallelException {

	private final int engineId;

	private final String method;

	private final String ename;

	private final String evalue;

	private final String remoteTraceback;

	public RemoteError(int engineId, String ename, String evalue, String remoteTraceback) {
		this(engineId, "apply", ename, evalue, remoteTraceback);
	}

	public RemoteError(int engineId, String method, String ename, String evalue, String remoteTraceback) {
		super("[" + engineId + ":" + method + "]: " + ename
				+ ((evalue != null && !evalue.isEmpty()) ? ": " + evalue : ""));
		this.engineId = engineId;
		this.method = method;
		this.ename = ename;
		this.evalue = evalue;
		this.remoteTraceback = remoteTraceback;
	}

	/**
	 * The error for one failed reply: {@link TaskAborted}, {@link EngineError}, {@link ImpossibleDependency},
	 * {@link DependencyTimeout} or {@link TaskTimeout} where the engine, the scheduler (or this client) said
	 * so, a plain {@code RemoteError} otherwise.
	 */
	static RemoteError of(int engineId, String method, String ename, String evalue, String traceback) {
		if (ename == null) {
			return new RemoteError(engineId, method, null, evalue, traceback);
		}
		return switch (ename) {
			case MetadataKeys.TASK_ABORTED -> new TaskAborted(engineId, method, evalue);
			case MetadataKeys.ENGINE_ERROR -> new EngineError(engineId, method, evalue);
			case MetadataKeys.IMPOSSIBLE_DEPENDENCY -> new ImpossibleDependency(engineId, method, evalue);
			case MetadataKeys.DEPENDENCY_TIMEOUT -> new DependencyTimeout(engineId, method, evalue);
			case MetadataKeys.TASK_TIMEOUT -> new TaskTimeout(engineId, method, evalue);
			default -> new RemoteError(engineId, method, ename, evalue, traceback);
		};
	}

	/** The engine that raised it, or -1 if it never reached one. */
	public int engineId() {
		return this.engineId;
	}

	/** What kind of request raised it: {@code execute}, {@code apply}, {@code push}, {@code pull}, ... */
	public String method() {
		return this.method;
	}

	/** The remote exception's class name, e.g. {@code java.lang.ArithmeticException}. */
	public String ename() {
		return this.ename;
	}

	/** The remote exception's message. */
	public String evalue() {
		return this.evalue;
	}

	/** The stack trace as printed on the engine. */
	public String remoteTraceback() {
		return this.remoteTraceback;
	}

}
