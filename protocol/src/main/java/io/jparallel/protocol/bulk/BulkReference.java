package io.jparallel.protocol.bulk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;

/**
 * Where a value that travels over the bulk path is: a client's bulk server ({@code host}, {@code port}),
 * the token naming the value there, its size, and, once known, its HMAC-SHA256 (with the cluster key, see
 * {@link BulkDigest}). Written as {@code bulk://host:port/token?size=N[&hmac=hex]}.
 *
 * @param host the address engines connect to
 * @param port the bulk server's port
 * @param token the random token naming the value (or, in an upload offer, the request) on that server
 * @param size the value's encoded size in bytes ({@code -1} in an upload offer)
 * @param hmac the value's digest, or {@code null} where it travels with the stream (a pushed value)
 */
public record BulkReference(String host, int port, String token, long size, byte[] hmac) {

	private static final String SCHEME = "bulk";

	public BulkReference {
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("A bulk reference needs a host");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("A bulk reference needs a port in 1..65535, got " + port);
		}
		if (!isToken(token)) {
			throw new IllegalArgumentException("A bulk reference needs a token of [A-Za-z0-9_-], got '" + token + "'");
		}
		if (size < -1) {
			throw new IllegalArgumentException("A bulk reference's size cannot be negative, got " + size);
		}
		if (hmac != null && hmac.length != BulkDigest.LENGTH) {
			throw new IllegalArgumentException("A bulk reference's hmac has " + BulkDigest.LENGTH + " bytes, got "
					+ hmac.length);
		}
	}

	/** This reference with the value's digest. */
	public BulkReference withHmac(byte[] digest) {
		return new BulkReference(this.host, this.port, this.token, this.size, digest);
	}

	/** This reference for a value of {@code bytes} bytes with the value's digest (an upload's result). */
	public BulkReference of(String transferToken, long bytes, byte[] digest) {
		return new BulkReference(this.host, this.port, transferToken, bytes, digest);
	}

	/** The digest in hex, or {@code null}. */
	public String hmacHex() {
		return (this.hmac != null) ? HexFormat.of().formatHex(this.hmac) : null;
	}

	@Override
	public String toString() {
		String host = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		return SCHEME + "://" + host + ":" + this.port + "/" + this.token + "?size=" + this.size
				+ ((this.hmac != null) ? "&hmac=" + hmacHex() : "");
	}

	/**
	 * The reference written as {@link #toString()}.
	 * @throws IllegalArgumentException if it is not one
	 */
	public static BulkReference parse(String text) {
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new IllegalArgumentException("Not a bulk reference: '" + text + "'", ex);
		}
		if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
				|| uri.getPath().length() < 2) {
			throw new IllegalArgumentException("Not a bulk reference: '" + text + "'");
		}
		long size = -1;
		byte[] hmac = null;
		if (uri.getQuery() != null) {
			for (String pair : uri.getQuery().split("&")) {
				int eq = pair.indexOf('=');
				String key = (eq < 0) ? pair : pair.substring(0, eq);
				String value = (eq < 0) ? "" : pair.substring(eq + 1);
				try {
					switch (key) {
						case "size" -> size = Long.parseLong(value);
						case "hmac" -> hmac = HexFormat.of().parseHex(value);
						default -> {
							// later versions may add keys
						}
					}
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Bad " + key + " in bulk reference '" + text + "'", ex);
				}
			}
		}
		String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
				: uri.getHost();
		return new BulkReference(host, uri.getPort(), uri.getPath().substring(1), size, hmac);
	}

	/**
	 * Whether {@code token} is a non-empty run of {@code [A-Za-z0-9_-]}: checked for every request's upload offer
	 * on the client and on the engine, so without compiling a regular expression each time.
	 */
	static boolean isToken(String token) {
		if (token == null || token.isEmpty()) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
				return false;
			}
		}
		return true;
	}

}
