package io.jparallel.engine.kernel;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution with three changes: snippet classes load under the kernel's parent
 * class loader; the display string of a result is bounded (JShell would render a 100 MB array in
 * full for {@code double[] d = new double[N];}); and variables are read as objects, not strings.
 * It also tells the kernel which wrapper classes an eval invoked and what a snippet threw, so that
 * the kernel can run a compiled snippet again (see {@link CompiledSnippets}).
 */
final class KernelExecutionControl extends LocalExecutionControl {

	static final int MAX_DISPLAY_ELEMENTS = 100;

	static final int MAX_DISPLAY_CHARS = 10_000;

	private static final InheritableThreadLocal<PendingCall> PENDING = new InheritableThreadLocal<>();

	private static final Method TRAMPOLINE;

	static {
		try {
			TRAMPOLINE = KernelExecutionControl.class.getDeclaredMethod("trampoline");
			TRAMPOLINE.setAccessible(true);
		}
		catch (NoSuchMethodException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final SnippetLoaderDelegate loaderDelegate;

	private Field lastVariable;

	private boolean stopped;

	/** The wrapper classes invoked since {@link #recordInvocations()}, or null when not recording. */
	private List<String> invoked;

	/** What the last snippet threw, as thrown (not as JShell's copy of it). */
	private volatile Throwable thrown;

	/** Set by the kernel's interrupt, cleared when an execution starts: closes the race with stop(). */
	volatile boolean interruptRequested;

	private KernelExecutionControl(SnippetLoaderDelegate loaderDelegate) {
		super(loaderDelegate);
		this.loaderDelegate = loaderDelegate;
	}

	static ExecutionControlProvider provider(ClassLoader parent, KernelExecutionControl[] created) {
		return new ExecutionControlProvider() {

			@Override
			public String name() {
				return "jparallel-in-process";
			}

			@Override
			public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
				KernelExecutionControl control = new KernelExecutionControl(new SnippetLoaderDelegate(parent));
				created[0] = control;
				return control;
			}

		};
	}

	ClassLoader snippetClassLoader() {
		return this.loaderDelegate.classLoader();
	}

	/**
	 * The static field behind the variable last passed to {@code JShell.varValue}: JShell resolves
	 * the wrapper class and field name, we read or write the field directly.
	 */
	Field takeLastVariable() {
		Field field = this.lastVariable;
		this.lastVariable = null;
		return field;
	}

	/** Whether a snippet was stopped since the last call. */
	boolean takeStopped() {
		boolean result = this.stopped;
		this.stopped = false;
		return result;
	}

	/** Starts recording the wrapper classes that JShell invokes, until {@link #takeInvocations()}. */
	void recordInvocations() {
		this.invoked = new ArrayList<>(1);
	}

	/** The wrapper classes invoked since {@link #recordInvocations()}, in order; stops recording. */
	List<String> takeInvocations() {
		List<String> result = (this.invoked != null) ? this.invoked : List.of();
		this.invoked = null;
		return result;
	}

	/** The throwable that the last snippet run threw, if it threw; forgotten once taken. */
	Throwable takeThrown() {
		Throwable result = this.thrown;
		this.thrown = null;
		return result;
	}

	@Override
	public String invoke(String className, String methodName) throws RunException, InternalException,
			EngineTerminationException {
		if (this.invoked != null) {
			this.invoked.add(className);
		}
		return super.invoke(className, methodName);
	}

	@Override
	public String varValue(String className, String varName) throws InternalException {
		try {
			Field field = findClass(className).getDeclaredField(varName);
			field.setAccessible(true);
			this.lastVariable = field;
			return "";
		}
		catch (Throwable ex) {
			throw new InternalException(ex.toString());
		}
	}

	@Override
	protected String invoke(Method doitMethod) throws Exception {
		// The snippet thread that LocalExecutionControl starts inherits this, and runs the trampoline
		// instead of the snippet itself so that we get the result as an object.
		PendingCall call = new PendingCall(this, doitMethod);
		PENDING.set(call);
		// JDK 17 replaces the JVM-wide default uncaught exception handler on every invocation
		Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
		try {
			super.invoke(TRAMPOLINE);
		}
		catch (StoppedException ex) {
			// JShell reports a stopped snippet like one that completed: remember it for the kernel
			this.stopped = true;
			throw ex;
		}
		finally {
			this.thrown = call.thrown;
			call.thrown = null;
			PENDING.remove();
			Thread.setDefaultUncaughtExceptionHandler(handler);
		}
		Object result = call.result;
		// threads the snippet left running inherited the call: do not let them keep the result alive
		call.result = null;
		return display(result);
	}

	@SuppressWarnings({ "unused", "removal" }) // invoked reflectively on the snippet thread
	private static Object trampoline() throws Throwable {
		PendingCall call = PENDING.get();
		if (call.control.interruptRequested) {
			// an interrupt that came while the snippet compiled, before stop() could reach a thread
			throw new ThreadDeath();
		}
		try {
			call.result = call.target.invoke(null);
		}
		catch (InvocationTargetException ex) {
			call.thrown = ex.getCause();
			throw ex.getCause();
		}
		return null;
	}

	static String display(Object value) {
		String text;
		if (value != null && value.getClass().isArray() && Array.getLength(value) > MAX_DISPLAY_ELEMENTS) {
			int length = Array.getLength(value);
			Object head = Array.newInstance(value.getClass().getComponentType(), MAX_DISPLAY_ELEMENTS);
			System.arraycopy(value, 0, head, 0, MAX_DISPLAY_ELEMENTS);
			text = valueString(head);
			String shortLength = "[" + MAX_DISPLAY_ELEMENTS + "]";
			int at = text.indexOf(shortLength);
			if (at >= 0) {
				text = text.substring(0, at) + "[" + length + "]" + text.substring(at + shortLength.length());
			}
			if (text.endsWith(" }")) {
				text = text.substring(0, text.length() - 2) + ", ... }";
			}
		}
		else {
			text = valueString(value);
		}
		return (text.length() > MAX_DISPLAY_CHARS) ? text.substring(0, MAX_DISPLAY_CHARS) + "..." : text;
	}

	@Override
	public void close() {
		super.close();
		this.loaderDelegate.close();
	}

	private static final class PendingCall {

		private final KernelExecutionControl control;

		private final Method target;

		private volatile Object result;

		private volatile Throwable thrown;

		PendingCall(KernelExecutionControl control, Method target) {
			this.control = control;
			this.target = target;
		}

	}

}
