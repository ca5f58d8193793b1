package io.jparallel.engine.kernel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.jparallel.engine.classes.PeerClassLoaders;

/** The engine's JShell kernel (warmed up at start, so the first request does not pay for javac), output capture and peer class loaders. */
@Configuration(proxyBeanMethods = false)
public class KernelConfiguration {

	private static final Log logger = LogFactory.getLog(KernelConfiguration.class);

	@Bean(destroyMethod = "close")
	public JShellKernel jshellKernel() {
		long started = System.nanoTime();
		JShellKernel kernel = new JShellKernel(KernelConfiguration.class.getClassLoader());
		kernel.warmUp();
		logger.info("JShell kernel ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
		return kernel;
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
