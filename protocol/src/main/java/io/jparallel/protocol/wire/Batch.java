package io.jparallel.protocol.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.jparallel.protocol.wire.InvalidMessageException.Reason;

/**
 * Several encoded messages in one AMQP message: {@code "JB" 0x01}, a count, then each message
 * length-prefixed. The envelope is not signed; every message in it is, and is verified on its own.
 * Batching cuts what the broker does per task (one publish, enqueue, delivery and ack for many), so
 * a burst of small requests costs little more than one.
 */
public final class Batch {

	private static final byte[] MAGIC = { 'J', 'B', 1 };

	private Batch() {
	}

	/** Whether {@code body} is a batch rather than a single message. */
	public static boolean isBatch(byte[] body) {
		return body != null && body.length >= MAGIC.length && body[0] == MAGIC[0] && body[1] == MAGIC[1];
	}

	public static byte[] pack(List<byte[]> messages) {
		long size = MAGIC.length + 4L;
		for (byte[] message : messages) {
			size += 4L + message.length;
		}
		if (size > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("Batch of " + size + " bytes is too large");
		}
		byte[] out = new byte[(int) size];
		System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
		int pos = writeInt(out, MAGIC.length, messages.size());
		for (byte[] message : messages) {
			pos = writeInt(out, pos, message.length);
			System.arraycopy(message, 0, out, pos, message.length);
			pos += message.length;
		}
		return out;
	}

	public static List<byte[]> unpack(byte[] body) throws InvalidMessageException {
		if (!isBatch(body) || body.length < MAGIC.length + 4) {
			throw new InvalidMessageException(Reason.MALFORMED, "not a batch");
		}
		if (body[2] != MAGIC[2]) {
			throw new InvalidMessageException(Reason.MALFORMED, "unsupported batch version " + body[2]);
		}
		int count = readInt(body, MAGIC.length);
		if (count < 0 || count > (body.length - MAGIC.length - 4) / 4) {
			throw new InvalidMessageException(Reason.MALFORMED, "batch count " + count + " does not fit its size");
		}
		List<byte[]> messages = new ArrayList<>(count);
		int pos = MAGIC.length + 4;
		for (int i = 0; i < count; i++) {
			if (pos + 4 > body.length) {
				throw new InvalidMessageException(Reason.MALFORMED, "batch truncated at message " + i);
			}
			int length = readInt(body, pos);
			pos += 4;
			if (length < 0 || length > body.length - pos) {
				throw new InvalidMessageException(Reason.MALFORMED, "batch message " + i + " overruns the batch");
			}
			messages.add(Arrays.copyOfRange(body, pos, pos + length));
			pos += length;
		}
		if (pos != body.length) {
			throw new InvalidMessageException(Reason.MALFORMED, (body.length - pos) + " trailing bytes after batch");
		}
		return messages;
	}

	private static int writeInt(byte[] out, int pos, int v) {
		out[pos] = (byte) (v >>> 24);
		out[pos + 1] = (byte) (v >>> 16);
		out[pos + 2] = (byte) (v >>> 8);
		out[pos + 3] = (byte) v;
		return pos + 4;
	}

	private static int readInt(byte[] in, int pos) {
		return ((in[pos] & 0xff) << 24) | ((in[pos + 1] & 0xff) << 16) | ((in[pos + 2] & 0xff) << 8) | (in[pos + 3] & 0xff);
	}

}
