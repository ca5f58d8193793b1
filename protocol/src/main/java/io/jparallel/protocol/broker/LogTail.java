package io.jparallel.protocol.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file: what a user needs to see when a service dies during start. */
public final class LogTail {

	private static final int MAX_BYTES = 64 * 1024;

	private LogTail() {
	}

	public static List<String> lastLines(Path file, int lines) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			long length = raf.length();
			int size = (int) Math.min(length, MAX_BYTES);
			byte[] bytes = new byte[size];
			raf.seek(length - size);
			raf.readFully(bytes);
			List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException ex) {
			return List.of("(cannot read " + file + ": " + ex.getMessage() + ")");
		}
	}

	/** The tail formatted for a message, each line indented. */
	public static String format(Path file, int lines) {
		StringBuilder text = new StringBuilder("--- last lines of ").append(file).append(" ---\n");
		lastLines(file, lines).forEach(line -> text.append("  | ").append(line).append('\n'));
		return text.toString();
	}

}
