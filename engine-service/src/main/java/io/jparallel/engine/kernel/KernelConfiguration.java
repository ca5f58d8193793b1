package io.jparallel.engine.kernel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.classes.LibraryClassLoader;
import io.jparallel.engine.classes.PeerClassLoaders;
import io.jparallel.engine.requests.RequestActivity;

/**
 * The engine's JShell kernel, output capture and class loaders: a {@link LibraryClassLoader} (the jars
 * clients add), a child of the engine's own class loader and the parent of both the kernel's snippet
 * classes and the peer class loaders, so that snippets and shipped functions see the same library
 * classes. The kernel is warmed up (javac started, default imports compiled) in the background once the
 * engine has taken no request for a while ({@code jparallel.engine.warm-up-delay}, counted from its
 * registration and from each request) and the machine's cores are mostly idle: that costs 1-1.5
 * CPU-seconds, mostly JIT-compiling javac, which would otherwise sit on the cluster's start path while
 * every engine competes for the same cores, or slow the requests of a client that is already at work. A
 * snippet that arrives sooner starts the kernel itself (and the warm-up is then skipped), and one that
 * arrives during the warm-up waits for it.
 */
@Configuration(proxyBeanMethods = false)
public class KernelConfiguration {

	private static final Log logger = LogFactory.getLog(KernelConfiguration.class);

	/** Not closed with the context: classes of it may still load while the engine shuts down. */
	@Bean(destroyMethod = "")
	public LibraryClassLoader libraryClassLoader() {
		return new LibraryClassLoader(KernelConfiguration.class.getClassLoader());
	}

	@Bean(destroyMethod = "close")
	public JShellKernel jshellKernel(LibraryClassLoader libraries) {
		return new JShellKernel(libraries);
	}

	@Bean
	public KernelWarmUp kernelWarmUp(JShellKernel kernel, EngineProperties properties, RequestActivity activity) {
		return new KernelWarmUp(kernel, properties.getWarmUpDelay(), activity);
	}

	/**
	 * Warms the kernel up on its own thread once the engine has taken no request for a while and the
	 * machine's cores are mostly idle: the engines of a cluster share the cores, and a client at work on one
	 * engine (round trips to engine 0, say) should not find the others' warm-ups in its way.
	 */
	public static final class KernelWarmUp {

		/** Above this share of the machine's CPU in use the warm-up waits (half of it: one core of two). */
		static final double MOST_BUSY = 0.5;

		/** How often the warm-up looks at the machine's CPU once the engine is quiet. */
		static final Duration POLL = Duration.ofMillis(500);

		/**
		 * Polls in a row that must find the machine's CPU below {@link #MOST_BUSY}, with no request taken, before
		 * the warm-up starts: three seconds, as the registry's start waits for. One quiet poll was enough before,
		 * and the short pause between two pieces of a client's work (a benchmark's round trips, then its
		 * load-balanced burst) let the warm-ups of the engines that had been idle start right before the burst,
		 * and their javac compiles ran in it.
		 */
		static final int QUIET_POLLS = 6;

		private final JShellKernel kernel;

		private final Duration quiet;

		private final RequestActivity activity;

		private final DoubleSupplier hostCpuLoad;

		KernelWarmUp(JShellKernel kernel, Duration quiet, RequestActivity activity) {
			this(kernel, quiet, activity, KernelWarmUp::hostCpuLoad);
		}

		KernelWarmUp(JShellKernel kernel, Duration quiet, RequestActivity activity, DoubleSupplier hostCpuLoad) {
			this.kernel = kernel;
			this.quiet = quiet;
			this.activity = activity;
			this.hostCpuLoad = hostCpuLoad;
		}

		/** Called once the engine has registered: the quiet spell counts from then. */
		public void start() {
			this.activity.requestTaken();
			Thread thread = new Thread(() -> {
				try {
					awaitQuiet();
				}
				catch (InterruptedException ex) {
					return;
				}
				long started = System.nanoTime();
				try {
					if (this.kernel.warmUp()) {
						logger.info("JShell kernel warmed up in " + (System.nanoTime() - started) / 1_000_000
								+ " ms, after " + this.quiet.toSeconds() + " s without requests and "
								+ POLL.multipliedBy(QUIET_POLLS).toSeconds() + " s of a mostly idle machine");
					}
					else {
						logger.debug("JShell warm-up skipped: code has run already");
					}
				}
				catch (RuntimeException ex) {
					logger.warn("JShell warm-up failed; the first snippet will start javac: " + ex.getMessage());
				}
			}, "jshell-warm-up");
			thread.setDaemon(true);
			thread.start();
		}

		/**
		 * Until no request has been taken for {@link #quiet} and then {@link #QUIET_POLLS} polls in a row have
		 * found the machine's CPU mostly idle; a request in between starts both counts again.
		 */
		void awaitQuiet() throws InterruptedException {
			this.hostCpuLoad.getAsDouble();
			int quietPolls = 0;
			while (quietPolls < QUIET_POLLS) {
				Duration since = this.activity.quietFor();
				if (since.compareTo(this.quiet) < 0) {
					quietPolls = 0;
					Thread.sleep(Math.max(1, this.quiet.minus(since).toMillis()));
					continue;
				}
				Thread.sleep(POLL.toMillis());
				boolean idle = this.hostCpuLoad.getAsDouble() < MOST_BUSY;
				quietPolls = (idle && this.activity.quietFor().compareTo(this.quiet) >= 0) ? quietPolls + 1 : 0;
			}
		}

		/** The machine's CPU in use since the last call, 0 to 1 (0 if the JVM cannot tell). */
		private static double hostCpuLoad() {
			java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
			return (os instanceof com.sun.management.OperatingSystemMXBean sun) ? Math.max(0, sun.getCpuLoad()) : 0;
		}

	}

	@Bean
	public OutputCapture outputCapture() {
		OutputCapture capture = OutputCapture.install();
		ConsoleLogStreams.keepOnOriginalStreams(capture);
		return capture;
	}

	@Bean
	public PeerClassLoaders peerClassLoaders(LibraryClassLoader libraries) {
		return new PeerClassLoaders(libraries);
	}

}
