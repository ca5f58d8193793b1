package io.jparallel.engine.requests;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.jparallel.engine.kernel.JShellKernel;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;

/**
 * Runs the work of stoppable requests ({@code apply} and {@code execute}) on a runner thread of its
 * own while the consumer thread that took the request waits, so that a cancelled request, even one
 * stuck in an endless loop, releases the consumer at once.
 * <p>
 * The runner of a cancelled request is retired and stopped: an {@code execute} through
 * {@link JShellKernel#interrupt()} (its code runs on JShell's own thread; interrupting the runner,
 * which waits for that thread, would only make JShell return early), an {@code apply} with
 * {@link Thread#interrupt()} and, if it has not ended after {@link #STOP_AFTER}, {@code Thread.stop()}
 * (which works up to JDK 19). A runner still busy after {@link #ABANDON_AFTER} is abandoned, with a
 * warning, and the next request gets a fresh runner. Nothing the work throws, {@code ThreadDeath}
 * included, reaches the consumer thread.
 */
@Component
public class RequestRunner implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RequestRunner.class);

	/** How long a cancelled request's runner has to end before it is stopped harder. */
	static final Duration STOP_AFTER = Duration.ofMillis(100);

	/** How long a cancelled request's runner has to end before it is abandoned. */
	static final Duration ABANDON_AFTER = Duration.ofMillis(500);

	private final JShellKernel kernel;

	private final AtomicInteger runnerCount = new AtomicInteger();

	private final AtomicLong abandoned = new AtomicLong();

	/** The runner taking the next request; only the consumer thread (one at a time) touches it. */
	private Runner runner;

	/** The runner of the last cancelled request, until it has ended or been abandoned. */
	private Stopping stopping;

	public RequestRunner(JShellKernel kernel) {
		this.kernel = kernel;
	}

	/**
	 * Runs the work of a request on the runner thread and waits for its reply. Called by one consumer
	 * thread at a time.
	 * @param request the request, which the control path may cancel meanwhile
	 * @param work what produces the reply
	 * @return the reply
	 * @throws RequestCancelledException if the request was cancelled, before it started or while it ran
	 * @throws ExecutionException with what the work threw (it is meant to answer errors with a reply)
	 */
	Message run(RunningRequest request, Callable<Message> work)
			throws RequestCancelledException, ExecutionException {
		settle();
		Job job = new Job(request, work);
		Runner current = handOff(job);
		try {
			return request.await();
		}
		catch (RequestCancelledException ex) {
			stop(current, job, ex.abortRequestId());
			throw ex;
		}
		catch (InterruptedException ex) {
			// the engine is stopping: do not leave the work running behind it
			Thread.currentThread().interrupt();
			if (request.cancel("(engine stopping)")) {
				stop(current, job, "(engine stopping)");
			}
			throw new ExecutionException(ex);
		}
	}

	/**
	 * Waits for the runner of the last cancelled request to end, stopping it harder after
	 * {@link #STOP_AFTER} and abandoning it after {@link #ABANDON_AFTER} (both from the cancel).
	 * @return {@code true} unless a runner had to be abandoned
	 */
	boolean settle() {
		Stopping last = this.stopping;
		if (last == null) {
			return true;
		}
		this.stopping = null;
		if (!last.awaitEnd(STOP_AFTER)) {
			if (last.inKernel) {
				interruptKernel();
			}
			else {
				stopThread(last.runner);
			}
		}
		if (last.awaitEnd(ABANDON_AFTER)) {
			// retired: let it leave its loop if it is waiting for work
			last.runner.interrupt();
			return true;
		}
		long total = this.abandoned.incrementAndGet();
		logger.warn("Cancelled " + last.request.msgType() + " " + last.request.msgId() + " (abort_request "
				+ last.abortRequestId + ") did not stop within " + ABANDON_AFTER.toMillis() + " ms: its thread "
				+ last.runner.getName() + " is abandoned and may keep using CPU until the engine is restarted; "
				+ "the next request runs on a fresh thread (" + total + " abandoned so far)");
		return false;
	}

	/** How many runner threads were abandoned because cancelled work would not stop. */
	public long abandonedCount() {
		return this.abandoned.get();
	}

	private Runner handOff(Job job) throws RequestCancelledException {
		while (true) {
			if (job.request.isCancelled()) {
				// cancelled before it started: it never runs
				throw new RequestCancelledException(cancelledBy(job.request));
			}
			Runner current = this.runner;
			if (current == null || !current.isAlive()) {
				current = new Runner("engine-runner-" + this.runnerCount.incrementAndGet());
				current.start();
				this.runner = current;
			}
			try {
				if (current.jobs.offer(job, 1, TimeUnit.SECONDS)) {
					return current;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while handing " + job.request.msgId() + " to a runner", ex);
			}
		}
	}

	private static String cancelledBy(RunningRequest request) {
		try {
			request.await();
		}
		catch (RequestCancelledException ex) {
			return ex.abortRequestId();
		}
		catch (ExecutionException | InterruptedException ex) {
			// not cancelled after all
		}
		return "?";
	}

	/** Retires the runner of a cancelled request and asks its work to stop; {@link #settle()} follows up. */
	private void stop(Runner current, Job job, String abortRequestId) {
		current.retired = true;
		if (this.runner == current) {
			this.runner = null;
		}
		RunningRequest request = job.request;
		if (job.ended.getCount() == 0) {
			// it finished just as it was cancelled: the retired runner only has to leave its loop
			current.interrupt();
			return;
		}
		boolean inKernel = MessageType.EXECUTE_REQUEST.equals(request.msgType());
		if (inKernel) {
			interruptKernel();
		}
		else {
			current.interrupt();
		}
		this.stopping = new Stopping(current, job, request, abortRequestId, inKernel, System.nanoTime());
		if (logger.isDebugEnabled()) {
			logger.debug("Cancelled " + request.msgType() + " " + request.msgId() + " while it ran (abort_request "
					+ abortRequestId + "); stopping " + current.getName());
		}
	}

	private void interruptKernel() {
		try {
			this.kernel.interrupt();
		}
		catch (RuntimeException | InternalError ex) {
			logger.debug("Could not interrupt the kernel: " + ex.getMessage());
		}
	}

	/** {@code Thread.stop()}, called reflectively: it throws {@code UnsupportedOperationException} from JDK 20. */
	private static void stopThread(Thread thread) {
		try {
			Thread.class.getMethod("stop").invoke(thread);
		}
		catch (InvocationTargetException ex) {
			logger.debug("Cannot stop " + thread.getName() + " on this JDK: " + ex.getCause());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Cannot stop " + thread.getName() + ": " + ex);
		}
	}

	@Override
	public void destroy() {
		Runner current = this.runner;
		if (current != null) {
			current.retired = true;
			current.interrupt();
		}
	}

	/** A request's work, handed to a runner. */
	private static final class Job {

		private final RunningRequest request;

		private final Callable<Message> work;

		private final CountDownLatch ended = new CountDownLatch(1);

		Job(RunningRequest request, Callable<Message> work) {
			this.request = request;
			this.work = work;
		}

	}

	/** A runner thread: takes one job at a time until it is retired. */
	private static final class Runner extends Thread {

		private final SynchronousQueue<Job> jobs = new SynchronousQueue<>();

		private volatile boolean retired;

		Runner(String name) {
			super(name);
			setDaemon(true);
			// a stopped runner dies of ThreadDeath, which is expected and not worth a stack trace
			setUncaughtExceptionHandler((thread, ex) -> {
				if (!(ex instanceof ThreadDeath)) {
					logger.error("Runner " + thread.getName() + " failed", ex);
				}
			});
		}

		@Override
		public void run() {
			TaskExitGuard.markTaskThread();
			while (!this.retired) {
				Job next;
				try {
					next = this.jobs.take();
				}
				catch (InterruptedException ex) {
					continue;
				}
				try {
					next.request.complete(next.work.call());
				}
				catch (Throwable ex) {
					// also ThreadDeath, when a cancelled request is stopped: its wait has ended already
					next.request.fail(ex);
				}
				finally {
					next.ended.countDown();
					if (!this.retired) {
						// the work may have interrupted itself; the next request starts clean
						Thread.interrupted();
					}
				}
			}
		}

	}

	/** The runner of a cancelled request, being stopped. */
	private static final class Stopping {

		private final Runner runner;

		private final Job job;

		private final RunningRequest request;

		private final String abortRequestId;

		private final boolean inKernel;

		private final long cancelledAt;

		Stopping(Runner runner, Job job, RunningRequest request, String abortRequestId, boolean inKernel,
				long cancelledAt) {
			this.runner = runner;
			this.job = job;
			this.request = request;
			this.abortRequestId = abortRequestId;
			this.inKernel = inKernel;
			this.cancelledAt = cancelledAt;
		}

		/** Whether the job ended within {@code sinceCancel} of the cancel. */
		boolean awaitEnd(Duration sinceCancel) {
			long left = this.cancelledAt + sinceCancel.toNanos() - System.nanoTime();
			try {
				return this.job.ended.await(Math.max(left, 0), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return this.job.ended.getCount() == 0;
			}
		}

	}

}
