package io.jparallel.engine.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Captures what a request writes to {@code System.out} and {@code System.err}, so the engine can
 * return it with the reply. Installed once for the JVM, it replaces both streams with dispatching
 * ones: a write goes to the capture active for the writing thread's lineage (the thread that called
 * {@link #begin()} and any thread it, or its descendants, started during a capture, such as JShell's
 * snippet thread), and to the original stream for every other thread (e.g. AMQP client threads).
 * <pre>{@code
 * OutputCapture capture = OutputCapture.install();
 * try (OutputCapture.Capture c = capture.begin()) {
 *     kernel.execute("System.out.println(42);");
 *     c.stdout(); // "42\n"
 * }
 * }</pre>
 */
public final class OutputCapture {

	/** Bytes kept per stream and request; more is dropped so one chatty request cannot exhaust memory. */
	public static final int MAX_CAPTURED_BYTES = 8 * 1024 * 1024;

	private static OutputCapture installed;

	private final PrintStream originalOut;

	private final PrintStream originalErr;

	private final Charset charset;

	/**
	 * One holder per thread lineage. A thread started while a capture is active joins the lineage
	 * (and follows its later captures too, e.g. a pool created by a request); a thread started
	 * between requests does not, so client threads created lazily by the engine thread stay out.
	 */
	private final InheritableThreadLocal<Holder> holder = new InheritableThreadLocal<>() {

		@Override
		protected Holder childValue(Holder parent) {
			return (parent != null && parent.active != null) ? parent : null;
		}

	};

	private OutputCapture(PrintStream originalOut, PrintStream originalErr, Charset charset) {
		this.originalOut = originalOut;
		this.originalErr = originalErr;
		this.charset = charset;
	}

	/** Replaces {@code System.out} and {@code System.err}, once per JVM; later calls return the same instance. */
	public static synchronized OutputCapture install() {
		if (installed == null) {
			Charset charset = Charset.defaultCharset();
			OutputCapture capture = new OutputCapture(System.out, System.err, charset);
			System.setOut(new PrintStream(capture.new Dispatcher(false), true, charset));
			System.setErr(new PrintStream(capture.new Dispatcher(true), true, charset));
			installed = capture;
		}
		return installed;
	}

	/**
	 * Starts capturing for the current thread and the threads it starts, until the returned capture
	 * is closed. Captures nest: closing one resumes the one before it.
	 */
	public Capture begin() {
		Holder current = this.holder.get();
		if (current == null) {
			current = new Holder();
			this.holder.set(current);
		}
		Capture capture = new Capture(current, current.active);
		current.active = capture;
		return capture;
	}

	/** The stream output went to before {@link #install()}, which captures never swallow. */
	public PrintStream originalOut() {
		return this.originalOut;
	}

	public PrintStream originalErr() {
		return this.originalErr;
	}

	private static final class Holder {

		private volatile Capture active;

	}

	/** The output of one request. */
	public final class Capture implements AutoCloseable {

		private final Holder holder;

		private final Capture previous;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final ByteArrayOutputStream err = new ByteArrayOutputStream();

		private boolean truncated;

		private Capture(Holder holder, Capture previous) {
			this.holder = holder;
			this.previous = previous;
		}

		/** What was written to {@code System.out} so far. */
		public String stdout() {
			System.out.flush();
			synchronized (this) {
				return this.out.toString(OutputCapture.this.charset);
			}
		}

		/** What was written to {@code System.err} so far. */
		public String stderr() {
			System.err.flush();
			synchronized (this) {
				return this.err.toString(OutputCapture.this.charset);
			}
		}

		/** Whether output beyond {@link #MAX_CAPTURED_BYTES} was dropped. */
		public synchronized boolean truncated() {
			return this.truncated;
		}

		synchronized void write(boolean toErr, byte[] bytes, int offset, int length) {
			ByteArrayOutputStream target = toErr ? this.err : this.out;
			int room = MAX_CAPTURED_BYTES - target.size();
			if (length > room) {
				this.truncated = true;
				length = Math.max(room, 0);
			}
			target.write(bytes, offset, length);
		}

		@Override
		public void close() {
			System.out.flush();
			System.err.flush();
			if (this.holder.active == this) {
				this.holder.active = this.previous;
			}
		}

	}

	private final class Dispatcher extends OutputStream {

		private final boolean err;

		Dispatcher(boolean err) {
			this.err = err;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			Holder current = OutputCapture.this.holder.get();
			Capture capture = (current != null) ? current.active : null;
			if (capture != null) {
				capture.write(this.err, bytes, offset, length);
			}
			else {
				original().write(bytes, offset, length);
			}
		}

		@Override
		public void flush() {
			original().flush();
		}

		private PrintStream original() {
			return this.err ? OutputCapture.this.originalErr : OutputCapture.this.originalOut;
		}

	}

}
