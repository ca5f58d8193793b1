package io.jparallel.protocol.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a starting RabbitMQ node's log as it grows, from where the last read stopped, for the line that
 * says boot finished. Services that start with the node try to log in until their user exists, and each
 * refused login adds lines: the marker can be thousands of lines back by the time it is looked for (64
 * engines pushed it 38,000 lines back in seconds), so only reading everything once finds it.
 */
final class BootLog {

	static final String BOOT_COMPLETED = "Server startup complete";

	private long offset;

	/** Bytes read so far that may hold the start of a marker cut by the end of the last read. */
	private String carry = "";

	private boolean completed;

	/** Whether the log at {@code log} has said, by now, that boot completed. */
	synchronized boolean saysBootCompleted(Path log) {
		if (this.completed) {
			return true;
		}
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long length = file.length();
			if (length < this.offset) {
				this.offset = 0;
				this.carry = "";
			}
			byte[] buffer = new byte[64 * 1024];
			file.seek(this.offset);
			while (this.offset < length) {
				int read = file.read(buffer, 0, (int) Math.min(buffer.length, length - this.offset));
				if (read <= 0) {
					break;
				}
				this.offset += read;
				String text = this.carry + new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
				if (text.contains(BOOT_COMPLETED)) {
					this.completed = true;
					return true;
				}
				int keep = Math.min(text.length(), BOOT_COMPLETED.length() - 1);
				this.carry = text.substring(text.length() - keep);
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
