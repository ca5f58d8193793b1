package io.jparallel.protocol.bulk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import javax.crypto.Mac;

import io.jparallel.protocol.wire.MessageSigner;

/**
 * The HMAC-SHA256, with the cluster key, of a value on the bulk path, computed as the bytes stream by:
 * over {@code "JPB" 0x01}, the token (length-prefixed UTF-8), the size (8 bytes) and then the bytes. The
 * prefix keeps a bulk digest from ever standing for a message signature, and the token binds the bytes to
 * the signed request that named it.
 */
public final class BulkDigest {

	/** Length of a digest in bytes. */
	public static final int LENGTH = MessageSigner.SIGNATURE_LENGTH;

	private static final byte[] PREFIX = { 'J', 'P', 'B', 1 };

	private final Mac mac;

	private BulkDigest(Mac mac) {
		this.mac = mac;
	}

	/** A digest of a value of {@code size} bytes under {@code token}, ready for its bytes. */
	public static BulkDigest start(MessageSigner signer, String token, long size) {
		Mac mac = signer.newMac();
		byte[] name = token.getBytes(StandardCharsets.UTF_8);
		mac.update(PREFIX);
		mac.update(new byte[] { (byte) (name.length >>> 24), (byte) (name.length >>> 16), (byte) (name.length >>> 8),
				(byte) name.length });
		mac.update(name);
		byte[] length = new byte[8];
		for (int i = 0; i < 8; i++) {
			length[i] = (byte) (size >>> (56 - 8 * i));
		}
		mac.update(length);
		return new BulkDigest(mac);
	}

	public void update(byte[] bytes, int offset, int length) {
		this.mac.update(bytes, offset, length);
	}

	public byte[] finish() {
		return this.mac.doFinal();
	}

	/** The digest of a whole value. */
	public static byte[] of(MessageSigner signer, String token, byte[] bytes) {
		BulkDigest digest = start(signer, token, bytes.length);
		digest.update(bytes, 0, bytes.length);
		return digest.finish();
	}

	/** Whether two digests are equal, compared in constant time. */
	public static boolean matches(byte[] expected, byte[] actual) {
		return expected != null && actual != null && MessageDigest.isEqual(expected, actual);
	}

}
