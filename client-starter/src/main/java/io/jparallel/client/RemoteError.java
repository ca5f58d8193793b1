package io.jparallel.client;

/**
 * An exception raised on an engine, with the engine's id and its remote stack trace.
 * <pre>{@code
 * try { rc.get(0).executeSync("1/0;"); }
 * catch (RemoteError e) { System.out.println(e.engineId() + " " + e.ename() + "\n" + e.remoteTraceback()); }
 * }</pre>
 */
public class RemoteError extends JParallelException {

	private final int engineId;

	private final String ename;

	private final String evalue;

	private final String remoteTraceback;

	public RemoteError(int engineId, String ename, String evalue, String remoteTraceback) {
		super("[engine " + engineId + "] " + ename + ((evalue != null && !evalue.isEmpty()) ? ": " + evalue : ""));
		this.engineId = engineId;
		this.ename = ename;
		this.evalue = evalue;
		this.remoteTraceback = remoteTraceback;
	}

	/** The engine that raised it, or -1 if it never reached one. */
	public int engineId() {
		return this.engineId;
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
