package io.jparallel.protocol.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with the cluster key. Thread-safe: each thread gets its own {@link Mac}. */
public final class MessageSigner {

	/** Length of a signature in bytes. */
	public static final int SIGNATURE_LENGTH = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final ThreadLocal<Mac> mac;

	public MessageSigner(byte[] key) {
		if (key == null || key.length < 16) {
			throw new IllegalArgumentException("The cluster key must have at least 16 bytes");
		}
		SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
		this.mac = ThreadLocal.withInitial(() -> {
			try {
				Mac m = Mac.getInstance(ALGORITHM);
				m.init(spec);
				return m;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		});
	}

	/** A fresh HMAC-SHA256 with the cluster key, for signing a stream piece by piece (one thread at a time). */
	public Mac newMac() {
		Mac copy = this.mac.get();
		try {
			return (Mac) copy.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 cannot be cloned", ex);
		}
	}

	/** Signs {@code length} bytes of {@code data} from {@code offset}. */
	public byte[] sign(byte[] data, int offset, int length) {
		Mac m = this.mac.get();
		m.update(data, offset, length);
		return m.doFinal();
	}

	/** Whether {@code signature} signs the given bytes, compared in constant time. */
	public boolean verify(byte[] signature, byte[] data, int offset, int length) {
		return MessageDigest.isEqual(signature, sign(data, offset, length));
	}

}
