package io.jparallel.protocol.bulk;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.jparallel.protocol.value.ArrayStreamDecoder;
import io.jparallel.protocol.value.ArrayStreamEncoder;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;
import io.jparallel.protocol.wire.MessageSigner;

/**
 * The bulk path's socket protocol. An engine connects to a client's bulk server and opens with
 * {@code "JPB" 0x01}, an operation and a token (UTF):
 * <ul>
 * <li>{@link #GET} (a value the client pushes): the server answers {@link #OK}, the size (8 bytes), the
 * bytes and their {@link BulkDigest}; or {@link #REFUSED} and a reason (UTF).</li>
 * <li>{@link #PUT} (a value the engine returns): the engine adds a transfer token (UTF) and the size; the
 * server answers {@link #OK} to go on or {@link #REFUSED} and a reason; the engine sends the bytes and their
 * digest (under the transfer token); the server verifies them and answers {@link #OK} or {@link #REFUSED}
 * and a reason.</li>
 * </ul>
 * A reader computes the digest as the bytes arrive (one pass) and compares it with the one that follows
 * them before anything uses the bytes.
 */
public final class BulkStream {

	public static final byte[] MAGIC = { 'J', 'P', 'B', 1 };

	public static final byte GET = 'G';

	public static final byte PUT = 'P';

	public static final byte OK = 0;

	public static final byte REFUSED = 1;

	/** Bytes written or read (and digested) at a time. */
	static final int SLICE = 1 << 20;

	private BulkStream() {
	}

	/** Opens a transfer: magic, operation, token. */
	public static void open(DataOutputStream out, byte operation, String token) throws IOException {
		out.write(MAGIC);
		out.writeByte(operation);
		out.writeUTF(token);
	}

	/** Writes {@code bytes} and then their digest under {@code token}. */
	public static byte[] writeSigned(OutputStream out, MessageSigner signer, String token, byte[] bytes)
			throws IOException {
		BulkDigest digest = BulkDigest.start(signer, token, bytes.length);
		for (int from = 0; from < bytes.length; from += SLICE) {
			int length = Math.min(SLICE, bytes.length - from);
			digest.update(bytes, from, length);
			out.write(bytes, from, length);
		}
		byte[] hmac = digest.finish();
		out.write(hmac);
		out.flush();
		return hmac;
	}

	/**
	 * Writes the encoding of a primitive array as {@code encoder} produces it, slice by slice, and then the
	 * digest of those bytes under {@code token}: the same bytes and digest as {@link #writeSigned} of the
	 * encoded array, without holding them whole.
	 */
	public static byte[] writeSigned(OutputStream out, MessageSigner signer, String token, ArrayStreamEncoder encoder)
			throws IOException {
		BulkDigest digest = BulkDigest.start(signer, token, encoder.size());
		byte[] slice = new byte[(int) Math.min(SLICE, Math.max(16, encoder.size()))];
		for (int length = encoder.next(slice); length > 0; length = encoder.next(slice)) {
			digest.update(slice, 0, length);
			out.write(slice, 0, length);
		}
		byte[] hmac = digest.finish();
		out.write(hmac);
		out.flush();
		return hmac;
	}

	/**
	 * Reads exactly {@code size} bytes and the digest after them, and verifies it.
	 * @return the bytes and their digest
	 * @throws BulkTransferException if the stream ends early (truncated, or unsigned: no digest) or the
	 * digest does not match
	 */
	public static Received readSigned(InputStream in, MessageSigner signer, String token, long size)
			throws BulkTransferException, IOException {
		BulkDigest digest = BulkDigest.start(signer, token, size);
		byte[] bytes = new byte[(int) size];
		readInto(in, digest, bytes, 0, size);
		return new Received(bytes, null, size, verify(in, digest, size));
	}

	/**
	 * Like {@link #readSigned}, for an encoded value: a primitive array that {@link ValueCodec} encodes as raw
	 * little-endian bytes is decoded as it arrives (see {@link ValueCodec#arrayDecoder}), so it is never held a
	 * second time as bytes; any other value is read as bytes. Nothing of it is returned before its digest matched.
	 * @return the decoded array (and no bytes), or the bytes; and their digest
	 */
	public static Received readSignedValue(InputStream in, MessageSigner signer, String token, long size)
			throws BulkTransferException, IOException {
		BulkDigest digest = BulkDigest.start(signer, token, size);
		if (size < 1) {
			return new Received(new byte[0], null, 0, verify(in, digest, 0));
		}
		int tag = in.read();
		if (tag < 0) {
			throw truncated(0, size);
		}
		byte[] first = { (byte) tag };
		digest.update(first, 0, 1);
		ArrayStreamDecoder decoder = ValueCodec.arrayDecoder((byte) tag, size - 1);
		if (decoder == null) {
			byte[] bytes = new byte[(int) size];
			bytes[0] = (byte) tag;
			readInto(in, digest, bytes, 1, size);
			return new Received(bytes, null, size, verify(in, digest, size));
		}
		byte[] slice = new byte[(int) Math.min(SLICE, size - 1)];
		long from = 1;
		while (from < size) {
			int read = in.read(slice, 0, (int) Math.min(slice.length, size - from));
			if (read < 0) {
				throw truncated(from, size);
			}
			digest.update(slice, 0, read);
			decoder.accept(slice, 0, read);
			from += read;
		}
		byte[] hmac = verify(in, digest, size);
		return new Received(null, decoder.value(), size, hmac);
	}

	private static void readInto(InputStream in, BulkDigest digest, byte[] bytes, int offset, long size)
			throws BulkTransferException, IOException {
		int from = offset;
		while (from < bytes.length) {
			int read = in.read(bytes, from, Math.min(SLICE, bytes.length - from));
			if (read < 0) {
				throw truncated(from, size);
			}
			digest.update(bytes, from, read);
			from += read;
		}
	}

	private static BulkTransferException truncated(long from, long size) {
		return new BulkTransferException(Reason.MALFORMED, "the transfer ended after " + from + " of " + size + " bytes");
	}

	/** Reads the digest that follows a value's bytes and compares it with the one computed; returns it. */
	private static byte[] verify(InputStream in, BulkDigest digest, long size) throws BulkTransferException, IOException {
		byte[] sent = new byte[BulkDigest.LENGTH];
		try {
			new DataInputStream(in).readFully(sent);
		}
		catch (EOFException ex) {
			throw new BulkTransferException(Reason.BAD_SIGNATURE, "unsigned: the transfer of " + size
					+ " bytes ended without their HMAC");
		}
		byte[] computed = digest.finish();
		if (!BulkDigest.matches(computed, sent)) {
			throw new BulkTransferException(Reason.BAD_SIGNATURE, "the HMAC of the " + size
					+ " bytes received does not match the one sent with them (tampered, or not signed with the cluster key)");
		}
		return computed;
	}

	/**
	 * Reads a status byte; {@link #REFUSED} is thrown with the peer's reason.
	 * @throws BulkTransferException if the peer refused
	 */
	public static void expectOk(DataInputStream in, String what) throws BulkTransferException, IOException {
		int status = in.read();
		if (status == OK) {
			return;
		}
		if (status == REFUSED) {
			throw new BulkTransferException("the client's bulk server refused " + what + ": " + in.readUTF(), null);
		}
		throw new BulkTransferException((status < 0) ? "the client's bulk server closed the connection during " + what
				: "the client's bulk server answered " + what + " with status " + status, null);
	}

	/** Answers {@link #REFUSED} with a reason, ignoring a peer that is gone. */
	public static void refuse(DataOutputStream out, String reason) {
		try {
			out.writeByte(REFUSED);
			out.writeUTF(reason);
			out.flush();
		}
		catch (IOException ex) {
			// the peer is gone: nothing to tell it
		}
	}

	/**
	 * What was received over the bulk path, verified.
	 * @param bytes the value's encoded bytes; {@code null} if it arrived as {@code value}
	 * @param value a primitive array decoded as it arrived ({@link #readSignedValue}), else {@code null}
	 * @param size how many bytes arrived
	 * @param hmac their digest
	 */
	public record Received(byte[] bytes, Object value, long size, byte[] hmac) {
	}

}
