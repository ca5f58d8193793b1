package io.jparallel.engine.kernel;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.engine.EngineProperties;
import io.jparallel.engine.classes.LibraryClassLoader;
import io.jparallel.engine.classes.PeerClassLoaders;

/**
 * The engine's JShell kernel, output capture and class loaders: a {@link LibraryClassLoader} (the jars
 * clients add), a child of the engine's own class loader and the parent of both the kernel's snippet
 * classes and the peer class loaders, so that snippets and shipped functions see the same library
 * classes. The kernel is warmed up (javac started, default imports compiled) in the background a few
 * seconds after the engine has registered ({@code jparallel.engine.warm-up-delay}): that costs
 * CPU-seconds, mostly JIT-compiling javac, which would otherwise sit on the cluster's start path while
 * every engine competes for the same cores. A snippet that arrives sooner starts the kernel itself, and
 * one that arrives during the warm-up waits for it.
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
	public KernelWarmUp kernelWarmUp(JShellKernel kernel, EngineProperties properties) {
		return new KernelWarmUp(kernel, properties.getWarmUpDelay());
	}

	/** Warms the kernel up on its own thread, a while after the engine is registered. */
	public static final class KernelWarmUp {

		private final JShellKernel kernel;

		private final Duration delay;

		KernelWarmUp(JShellKernel kernel, Duration delay) {
			this.kernel = kernel;
			this.delay = delay;
		}

		public void start() {
			Thread thread = new Thread(() -> {
				try {
					Thread.sleep(this.delay.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
				long started = System.nanoTime();
				try {
					this.kernel.warmUp();
					logger.info("JShell kernel warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
				}
				catch (RuntimeException ex) {
					logger.warn("JShell warm-up failed; the first snippet will start javac: " + ex.getMessage());
				}
			}, "jshell-warm-up");
			thread.setDaemon(true);
			thread.start();
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
