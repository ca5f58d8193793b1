package io.jparallel.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a terminal screen captured with its ANSI colours ({@code tmux capture-pane -e}) to a PNG: an
 * HTML {@code <pre>} in a dark terminal's colours, photographed by headless Chromium.
 */
final class TerminalScreenshot {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final String[] COLOURS = { "#2e3436", "#ef2929", "#8ae234", "#fce94f", "#729fcf", "#ad7fa8",
			"#34e2e2", "#eeeeec" };

	private TerminalScreenshot() {
	}

	static boolean available() {
		return Files.isExecutable(CHROMIUM);
	}

	/** {@code ansiText} as HTML: SGR colours and bold become spans, everything else is escaped text. */
	static String html(String ansiText) {
		StringBuilder html = new StringBuilder("""
				<!DOCTYPE html><html><head><meta charset="utf-8"><style>
				body { margin: 0; background: #1e1e1e; }
				pre { margin: 0; padding: 12px 16px; color: #d3d7cf; font: 15px/1.3 'DejaVu Sans Mono', monospace; }
				b { font-weight: bold; }
				</style></head><body><pre>""");
		String colour = null;
		boolean bold = false;
		boolean open = false;
		int i = 0;
		while (i < ansiText.length()) {
			char c = ansiText.charAt(i);
			if (c == '\u001b' && i + 1 < ansiText.length() && ansiText.charAt(i + 1) == '[') {
				int end = i + 2;
				while (end < ansiText.length() && !Character.isLetter(ansiText.charAt(end))) {
					end++;
				}
				if (end < ansiText.length() && ansiText.charAt(end) == 'm') {
					String[] codes = ansiText.substring(i + 2, end).split(";");
					for (int k = 0; k < codes.length; k++) {
						int code = codes[k].isEmpty() ? 0 : Integer.parseInt(codes[k]);
						if (code == 0) {
							colour = null;
							bold = false;
						}
						else if (code == 1) {
							bold = true;
						}
						else if (code == 22) {
							bold = false;
						}
						else if (code >= 30 && code <= 37) {
							colour = COLOURS[code - 30];
						}
						else if (code >= 90 && code <= 97) {
							colour = COLOURS[code - 90];
						}
						else if (code == 39) {
							colour = null;
						}
						else if (code == 38 && k + 2 < codes.length && codes[k + 1].equals("5")) {
							int index = Integer.parseInt(codes[k + 2]);
							colour = (index < 8) ? COLOURS[index] : (index < 16) ? COLOURS[index - 8] : null;
							k += 2;
						}
					}
					if (open) {
						html.append("</span>");
						open = false;
					}
					if (colour != null || bold) {
						html.append("<span style=\"").append((colour != null) ? "color:" + colour + ";" : "")
							.append(bold ? "font-weight:bold;" : "").append("\">");
						open = true;
					}
				}
				i = end + 1;
				continue;
			}
			switch (c) {
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '&' -> html.append("&amp;");
				default -> html.append(c);
			}
			i++;
		}
		if (open) {
			html.append("</span>");
		}
		return html.append("</pre></body></html>\n").toString();
	}

	/** Writes {@code ansiText} as a PNG of about {@code columns} x {@code rows} characters. */
	static void write(String ansiText, int columns, int rows, Path png) throws IOException, InterruptedException {
		Path dir = Files.createTempDirectory("jparallel-screenshot");
		Path page = dir.resolve("screen.html");
		Files.writeString(page, html(ansiText));
		int width = 32 + (int) Math.ceil(columns * 9.05);
		int height = 24 + (int) Math.ceil(rows * 19.5);
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--hide-scrollbars",
				"--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png.toAbsolutePath(),
				"--window-size=" + width + "," + height, page.toUri().toString()));
		Files.createDirectories(png.toAbsolutePath().getParent());
		Process chromium = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("chromium.log").toFile()).start();
		if (!chromium.waitFor(2, TimeUnit.MINUTES)) {
			chromium.destroyForcibly();
			throw new IllegalStateException("chromium did not finish its screenshot in 2 minutes");
		}
		if (!Files.isRegularFile(png)) {
			throw new IllegalStateException("chromium wrote no screenshot: " + Files.readString(dir.resolve("chromium.log")));
		}
	}

}
