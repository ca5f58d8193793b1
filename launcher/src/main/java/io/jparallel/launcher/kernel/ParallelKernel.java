package io.jparallel.launcher.kernel;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import io.jparallel.client.Client;
import io.jparallel.launcher.console.LocalJShell;
import io.jparallel.launcher.console.OutputLine;
import io.jparallel.launcher.console.OutputSink;
import io.jparallel.launcher.console.ParallelMagics;

/**
 * {@code jpcluster kernel CONNECTION_FILE}: a Jupyter kernel whose cells run in a JShell with a client
 * connected to the cluster ({@code rc}, {@code dview}, {@code lview}), through the same
 * {@link ParallelMagics} as the console ({@code %px}, {@code %%px}, {@code %autopx}, {@code %pxresult},
 * {@code %maven}, {@code %classpath}). Engine output goes to the cell's stdout and stderr streams as
 * {@code [stdout:i]} lines; the value of a cell's last local expression is its result.
 */
public final class ParallelKernel extends BaseKernel {

	private final LocalJShell jshell;

	private final ParallelMagics magics;

	private ParallelKernel(String name, String version, LanguageInfo languageInfo, List<HelpLink> helpLinks,
			HistoryManager historyManager, JupyterIO io, CommManager commManager, Renderer renderer,
			MagicParser magicParser, MagicsRegistry magicsRegistry, StringStyler errorStyler, Client client) {
		super(name, version, languageInfo, helpLinks, historyManager, io, commManager, renderer, magicParser,
				magicsRegistry, false, errorStyler);
		OutputSink sink = ParallelKernel::emit;
		this.jshell = new LocalJShell(sink, false);
		this.jshell.bind(client);
		this.magics = new ParallelMagics(client, sink, this.jshell);
	}

	/** Lines to the cell's streams: {@code System.out} and {@code System.err} are the cell's while it runs. */
	private static void emit(OutputLine line) {
		PrintStream stream = (line.kind() == OutputLine.Kind.STDERR || line.kind() == OutputLine.Kind.ERROR)
				? System.err : System.out;
		stream.println(line.text());
		stream.flush();
	}

	/** Connects to the cluster of {@code clientFile}, then serves Jupyter on {@code connectionFile} until shut down. */
	public static void serve(Path connectionFile, Path clientFile) throws Exception {
		KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
		try (Client client = Client.connect(clientFile)) {
			ParallelKernel kernel = new Builder(client).name("jparallel").version("0.1.0").build();
			JupyterConnection connection = new JupyterConnection(properties);
			kernel.becomeHandlerForConnection(connection);
			connection.connect();
			connection.waitUntilClose();
		}
	}

	@Override
	public DisplayData eval(String code) {
		this.jshell.takeLastValue();
		this.magics.run(code);
		System.out.flush();
		System.err.flush();
		String value = this.jshell.takeLastValue();
		return (value != null) ? new DisplayData(value) : null;
	}

	@Override
	public Object evalRaw(String code) {
		return eval(code);
	}

	@Override
	public DisplayData inspect(String code, int at, boolean extraDetail) {
		return null;
	}

	@Override
	public ReplacementOptions complete(String code, int at) {
		if (code.stripLeading().startsWith("%")) {
			return null;
		}
		LocalJShell.Completions completions = this.jshell.complete(code, at);
		return completions.candidates().isEmpty() ? null
				: new ReplacementOptions(completions.candidates(), completions.anchor(), at);
	}

	@Override
	public String isComplete(String code) {
		return this.jshell.isIncomplete(code) ? IS_COMPLETE_MAYBE : IS_COMPLETE_YES;
	}

	@Override
	public String getBanner() {
		return "JParallel: JShell with a client connected to the cluster (rc, dview, lview) and the %px magics";
	}

	@Override
	public void interrupt() {
		this.jshell.stop();
		this.magics.interrupt();
	}

	@Override
	public void onShutdown(boolean restart) {
		this.jshell.close();
	}

	/** Builds the kernel with JJava's defaults for its I/O, history, comms and rendering. */
	private static final class Builder extends BaseKernelBuilder<Builder, ParallelKernel> {

		private final Client client;

		Builder(Client client) {
			this.client = client;
		}

		@Override
		public ParallelKernel build() {
			Charset encoding = buildJupyterIOEncoding();
			LanguageInfo language = new LanguageInfo.Builder("java").version(Runtime.version().toString())
				.mimetype("text/x-java-source")
				.fileExtension(".jshell")
				.pygments("java")
				.codemirror("java")
				.build();
			return new ParallelKernel(buildName(), buildVersion(), language, List.of(), buildHistoryManager(),
					buildJupyterIO(encoding), buildCommManager(), buildRenderer(),
					new MagicParser("^\\s*//%", "^\\s*//%%", buildMagicTranspiler()), buildMagicsRegistry(),
					buildErrorStyler(), this.client);
		}

	}

}
