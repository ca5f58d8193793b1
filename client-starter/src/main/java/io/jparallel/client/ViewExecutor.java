package io.jparallel.client;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.jparallel.protocol.function.Fn0;

/**
 * A view as a {@link java.util.concurrent.ExecutorService}: every task runs on an engine of the view
 * (round-robin over a direct view's targets, placed by the scheduler for a load-balanced view). Tasks
 * travel to the engines, so they must be serializable: write them as {@link Fn0} lambdas (an
 * {@code Fn0} is a {@link Callable}), or cast them to {@code (Callable<T> & Serializable)}.
 * <pre>{@code
 * ExecutorService executor = rc.loadBalancedView().executor();
 * Future<Long> pid = executor.submit(() -> ProcessHandle.current().pid());
 * List<Fn0<Integer>> tasks = IntStream.range(0, 100).mapToObj(i -> (Fn0<Integer>) () -> i * i).toList();
 * List<Future<Integer>> squares = executor.invokeAll(tasks);
 * }</pre>
 * {@code cancel} of a task that has not run yet aborts it on its engine; {@code shutdownNow} does so for
 * every task still waiting. {@code cancel(true)} of a running load-balanced task stops it on its engine.
 */
public final class ViewExecutor extends AbstractExecutorService {

	private final Function<Fn0<?>, AsyncResult<?>> launcher;

	private final Set<RemoteTask<?>> unfinished = ConcurrentHashMap.newKeySet();

	private volatile boolean shutdown;

	/**
	 * @param launcher sends one task to an engine of the view and gives its single result
	 */
	ViewExecutor(Function<Fn0<?>, AsyncResult<?>> launcher) {
		this.launcher = launcher;
	}

	/** Submits a task given as an {@link Fn0} lambda, which is serializable by its type. */
	public <T> java.util.concurrent.Future<T> submit(Fn0<T> task) {
		return super.submit((Callable<T>) task);
	}

	@Override
	protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
		return new RemoteTask<>(asFunction(callable));
	}

	@Override
	protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
		requireSerializable(runnable);
		return new RemoteTask<>(new RunnableCall<>(runnable, value));
	}

	@Override
	public void execute(Runnable command) {
		if (this.shutdown) {
			throw new RejectedExecutionException("This executor has been shut down");
		}
		RemoteTask<?> task = (command instanceof RemoteTask<?> remote) ? remote : (RemoteTask<?>) newTaskFor(command, null);
		task.launch();
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
	}

	/** Shuts down and aborts every task not yet run; none is handed back (they live on the engines). */
	@Override
	public List<Runnable> shutdownNow() {
		shutdown();
		this.unfinished.forEach(task -> task.cancel(true));
		return List.of();
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown && this.unfinished.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		for (RemoteTask<?> task : List.copyOf(this.unfinished)) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return isTerminated();
			}
			try {
				task.get(left, TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException | java.util.concurrent.CancellationException ex) {
				// finished, if badly
			}
			catch (TimeoutException ex) {
				return false;
			}
		}
		return isTerminated();
	}

	@SuppressWarnings("unchecked")
	private static <T> Fn0<T> asFunction(Callable<T> callable) {
		if (callable instanceof Fn0<?> function) {
			return (Fn0<T>) function;
		}
		requireSerializable(callable);
		return new CallableCall<>(callable);
	}

	private static void requireSerializable(Object task) {
		if (!(task instanceof Serializable)) {
			throw new IllegalArgumentException("Cannot send " + task.getClass().getName()
					+ " to an engine: it is not Serializable. Write the task as an Fn0 lambda"
					+ " (Fn0<Integer> task = () -> 42;) or cast it to (Callable<Integer> & Serializable)");
		}
	}

	/** A serializable {@link Callable} as a function engines can run. */
	private record CallableCall<T>(Callable<T> callable) implements Fn0<T>, ViewSupport.WrappedFunction {

		@Override
		public Object wrapped() {
			return this.callable;
		}

		@Override
		public T apply() throws Exception {
			return this.callable.call();
		}

	}

	/** A serializable {@link Runnable} and its result as a function engines can run. */
	private record RunnableCall<T>(Runnable runnable, T value) implements Fn0<T>, ViewSupport.WrappedFunction {

		@Override
		public Object wrapped() {
			return this.runnable;
		}

		@Override
		public T apply() {
			this.runnable.run();
			return this.value;
		}

	}

	/** One task: sent to an engine when run, done when its reply arrives. */
	private final class RemoteTask<T> extends CompletableFuture<T> implements RunnableFuture<T> {

		private final Fn0<T> function;

		private volatile AsyncResult<?> result;

		RemoteTask(Fn0<T> function) {
			this.function = function;
		}

		@Override
		public void run() {
			launch();
		}

		@SuppressWarnings("unchecked")
		synchronized void launch() {
			if (this.result != null || isDone()) {
				return;
			}
			ViewExecutor.this.unfinished.add(this);
			try {
				this.result = ViewExecutor.this.launcher.apply(this.function);
			}
			catch (RuntimeException ex) {
				ViewExecutor.this.unfinished.remove(this);
				completeExceptionally(ex);
				return;
			}
			this.result.toCompletableFuture().whenComplete((value, error) -> {
				ViewExecutor.this.unfinished.remove(this);
				if (error != null) {
					completeExceptionally((error instanceof CompletionException && error.getCause() != null)
							? error.getCause() : error);
				}
				else {
					complete((T) value);
				}
			});
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			AsyncResult<?> sent = this.result;
			if (sent != null && !sent.ready()) {
				try {
					sent.stop(mayInterruptIfRunning);
				}
				catch (RuntimeException ex) {
					// already running or done on its engine: the result stands
					return false;
				}
			}
			ViewExecutor.this.unfinished.remove(this);
			return super.cancel(mayInterruptIfRunning);
		}

	}

}
