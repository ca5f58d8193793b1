package io.jparallel.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.jparallel.launcher.cli.Command;
import io.jparallel.launcher.cli.CommandLine;
import io.jparallel.launcher.cli.ExitCode;
import io.jparallel.launcher.cli.UsageException;
import io.jparallel.launcher.cluster.ClusterAlreadyRunningException;
import io.jparallel.launcher.cluster.ClusterStartException;
import io.jparallel.launcher.cluster.ClusterStarter;
import io.jparallel.launcher.cluster.ClusterStatus;
import io.jparallel.launcher.cluster.ClusterStopper;
import io.jparallel.launcher.cluster.ClusterLayout;
import io.jparallel.launcher.cluster.EngineSupervisor;
import io.jparallel.protocol.broker.ProcessSpawner;
import io.jparallel.launcher.cluster.RunningCluster;
import io.jparallel.launcher.console.ParallelConsole;
import io.jparallel.launcher.kernel.KernelSpecInstaller;
import io.jparallel.launcher.kernel.ParallelKernel;
import io.jparallel.protocol.connection.ConnectionFiles;

/**
 * {@code jpcluster start|stop|status}: the command users run, usually through {@code bin/jpcluster}.
 * The same operations are available in-process through {@link ClusterStarter}, {@link ClusterStopper}
 * and {@link ClusterStatus}.
 */
public final class Jpcluster {

	private final PrintStream out;

	private final PrintStream err;

	public Jpcluster(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new Jpcluster(System.out, System.err).run(List.of(args)).code());
	}

	public ExitCode run(List<String> args) {
		Command command;
		try {
			command = new CommandLine().parse(args);
		}
		catch (UsageException | IllegalArgumentException ex) {
			this.err.println("jpcluster: " + ex.getMessage());
			this.err.println();
			this.err.print(CommandLine.USAGE);
			return ExitCode.USAGE;
		}
		try {
			if (command instanceof Command.Start start) {
				return start(start);
			}
			if (command instanceof Command.Stop stop) {
				new ClusterStopper(this.out).stop(stop.profileDir());
				return ExitCode.OK;
			}
			if (command instanceof Command.Supervise supervise) {
				new EngineSupervisor(new ClusterLayout(supervise.profileDir()), supervise.restarts(),
						new ProcessSpawner(), this.out).run();
				return ExitCode.OK;
			}
			if (command instanceof Command.Status status) {
				ClusterStatus.Report report = new ClusterStatus().inspect(status.profileDir());
				report.print(this.out);
				return report.running() ? ExitCode.OK : ExitCode.NOT_RUNNING;
			}
			if (command instanceof Command.Console console) {
				return console(console.profileDir());
			}
			if (command instanceof Command.Kernel kernel) {
				return kernel(kernel);
			}
			if (command instanceof Command.KernelInstall install) {
				Path jpcluster = Path.of(System.getProperty("jparallel.home", "."), "bin", "jpcluster");
				Path dir = new KernelSpecInstaller().install(jpcluster, install.prefix(), install.profileDir());
				this.out.println("Installed kernelspec " + KernelSpecInstaller.NAME + " in " + dir);
				return ExitCode.OK;
			}
			this.out.print(CommandLine.USAGE);
			return ExitCode.OK;
		}
		catch (ClusterAlreadyRunningException ex) {
			this.err.println("jpcluster: " + ex.getMessage());
			return ExitCode.ALREADY_RUNNING;
		}
		catch (RuntimeException ex) {
			this.err.println("jpcluster: " + ex.getMessage());
			return ExitCode.FAILURE;
		}
	}

	private ExitCode start(Command.Start start) {
		RunningCluster cluster = new ClusterStarter(this.out).start(start.options(), start.restarts(),
				start.schedulers());
		this.out.printf(Locale.ROOT, "Cluster %s started in %.1f s with %d engine(s): ids %s%n",
				cluster.connectionInfo().clusterId(), cluster.elapsed().toMillis() / 1000.0, cluster.engines().size(),
				cluster.engineIds());
		this.out.println("Connection file: " + cluster.clientFile());
		this.out.println("Broker:          " + cluster.connectionInfo().brokerUriForDisplay());
		this.out.println("Hub:             " + cluster.connectionInfo().hubUrl());
		this.out.println();
		this.out.println("Connect from Java:");
		if (!isDefaultProfile(cluster)) {
			this.out.println("  export JPARALLEL_PROFILE=" + profileName(cluster) + "   # or use the connection file above");
		}
		this.out.println("  Client rc = Client.connect();");
		this.out.println("Stop with: jpcluster stop" + (isDefaultProfile(cluster) ? "" : " --profile " + profileName(cluster)));
		return ExitCode.OK;
	}

	private ExitCode console(Path profileDir) {
		Path clientFile = ConnectionFiles.clientFile(profileDir);
		if (!Files.isRegularFile(clientFile)) {
			this.err.println("jpcluster: no cluster runs in " + profileDir + " (no " + clientFile.getFileName()
					+ "): start one with jpcluster start");
			return ExitCode.NOT_RUNNING;
		}
		new ParallelConsole(clientFile, profileDir.resolve("console_history")).run();
		return ExitCode.OK;
	}

	private ExitCode kernel(Command.Kernel kernel) {
		Path clientFile = ConnectionFiles.clientFile(kernel.profileDir());
		if (!Files.isRegularFile(clientFile)) {
			this.err.println("jpcluster: no cluster runs in " + kernel.profileDir() + " (no "
					+ clientFile.getFileName() + "): start one with jpcluster start");
			return ExitCode.NOT_RUNNING;
		}
		try {
			ParallelKernel.serve(kernel.connectionFile(), clientFile);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("The kernel failed: " + ex, ex);
		}
		return ExitCode.OK;
	}

	private static boolean isDefaultProfile(RunningCluster cluster) {
		return cluster.profileDir()
			.equals(ConnectionFiles.profileDir(ConnectionFiles.defaultProfile()).toAbsolutePath().normalize());
	}

	private static String profileName(RunningCluster cluster) {
		String name = cluster.profileDir().getFileName().toString();
		return name.startsWith("profile_") ? name.substring("profile_".length()) : name;
	}

}
