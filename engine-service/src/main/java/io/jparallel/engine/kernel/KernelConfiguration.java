package io.jparallel.engine.kernel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.engine.classes.PeerClassLoaders;

/**
 * The engine's JShell kernel, output capture and peer class loaders. The kernel is warmed up (javac
 * started, default imports compiled) in the background once the engine has registered: that costs
 * several CPU-seconds, mostly JIT-compiling javac, which would otherwise sit on the cluster's start
 * path while every engine competes for the same cores. A snippet that arrives sooner waits for it.
 */
@Configuration(proxyBeanMethods = false)
public class KernelConfiguration {

	private static final Log logger = LogFactory.getLog(KernelConfiguration.class);

	@Bean(destroyMethod = "close")
	public JShellKernel jshellKernel() {
		return new JShellKernel(KernelConfiguration.class.getClassLoader());
	}

	@Bean
	public KernelWarmUp kernelWarmUp(JShellKernel kernel) {
		return new KernelWarmUp(kernel);
	}

	/** Warms the kernel up on its own thread once the engine is registered. */
	public static final class KernelWarmUp {

		private final JShellKernel kernel;

		KernelWarmUp(JShellKernel kernel) {
			this.kernel = kernel;
		}

		public void start() {
			Thread thread = new Thread(() -> {
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
		return OutputCapture.install();
	}

	@Bean
	public PeerClassLoaders peerClassLoaders() {
		return new PeerClassLoaders(KernelConfiguration.class.getClassLoader());
	}

}
