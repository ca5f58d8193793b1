package io.jparallel.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;

/**
 * Encodes messages as signed bytes and decodes them, verifying the signature before reading anything.
 * <p>
 * Layout: {@code "JP" 0x01}, 32-byte HMAC-SHA256 of everything after it, then the header, an optional
 * parent header, metadata, content and buffers, each length-prefixed.
 */
public final class MessageCodec {

	/** Default largest message accepted: 512 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_BYTES = 512 * 1024 * 1024;

	private static final byte[] MAGIC = { 'J', 'P', 1 };

	private static final int PAYLOAD_OFFSET = MAGIC.length + MessageSigner.SIGNATURE_LENGTH;

	private final MessageSigner signer;

	private final int maxMessageBytes;

	public MessageCodec(MessageSigner signer) {
		this(signer, DEFAULT_MAX_MESSAGE_BYTES);
	}

	public MessageCodec(MessageSigner signer, int maxMessageBytes) {
		if (maxMessageBytes < 1024) {
			throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
		}
		this.signer = signer;
		this.maxMessageBytes = maxMessageBytes;
	}

	/** The largest message accepted, in bytes; also the largest value accepted over the bulk path. */
	public int maxMessageBytes() {
		return this.maxMessageBytes;
	}

	/** What signs messages with the cluster key. */
	public MessageSigner signer() {
		return this.signer;
	}

	public static MessageCodec withKey(byte[] key) {
		return new MessageCodec(new MessageSigner(key));
	}

	/** The signed bytes of a message, written into an array of exactly the right size (no copy of large buffers). */
	public byte[] encode(Message message) {
		return encode(message, null, 0, 0);
	}

	/**
	 * The signed bytes of a message whose one buffer is {@code length} bytes of {@code source} from
	 * {@code offset}: a chunk of a large message, written without first copying its slice.
	 */
	public byte[] encodeWithBuffer(Message message, byte[] source, int offset, int length) {
		if (!message.buffers().isEmpty()) {
			throw new IllegalArgumentException("The message's buffer is given separately");
		}
		return encode(message, source, offset, length);
	}

	private byte[] encode(Message message, byte[] source, int offset, int length) {
		long size = PAYLOAD_OFFSET + headerSize(message.header()) + 1
				+ ((message.parentHeader() != null) ? headerSize(message.parentHeader()) : 0) + mapSize(message.metadata())
				+ mapSize(message.content()) + 4;
		for (byte[] buffer : message.buffers()) {
			size += 4L + buffer.length;
		}
		if (source != null) {
			size += 4L + length;
		}
		if (size > this.maxMessageBytes) {
			throw new IllegalArgumentException("Message of " + size + " bytes is larger than the limit of "
					+ this.maxMessageBytes + " bytes");
		}
		Writer w = new Writer((int) size);
		w.pos = PAYLOAD_OFFSET;
		writeHeader(w, message.header());
		if (message.parentHeader() == null) {
			w.writeByte(0);
		}
		else {
			w.writeByte(1);
			writeHeader(w, message.parentHeader());
		}
		writeMap(w, message.metadata());
		writeMap(w, message.content());
		w.writeInt(message.buffers().size() + ((source != null) ? 1 : 0));
		for (byte[] buffer : message.buffers()) {
			w.writeBytes(buffer);
		}
		if (source != null) {
			w.writeBytes(source, offset, length);
		}
		System.arraycopy(MAGIC, 0, w.data, 0, MAGIC.length);
		byte[] signature = this.signer.sign(w.data, PAYLOAD_OFFSET, w.pos - PAYLOAD_OFFSET);
		System.arraycopy(signature, 0, w.data, MAGIC.length, signature.length);
		return (w.pos == w.data.length) ? w.data : Arrays.copyOf(w.data, w.pos);
	}

	private static long headerSize(Header h) {
		return stringSize(h.msgId()) + stringSize(h.msgType()) + stringSize(h.session()) + stringSize(h.username()) + 12
				+ stringSize(h.version());
	}

	private static long mapSize(Map<String, String> map) {
		long size = 4;
		for (Map.Entry<String, String> entry : map.entrySet()) {
			size += stringSize(entry.getKey()) + stringSize(entry.getValue());
		}
		return size;
	}

	private static long stringSize(String s) {
		if (s == null) {
			return 4;
		}
		int length = s.length();
		long utf8 = length;
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (c >= 0x80) {
				utf8 += (c >= 0x800 && !Character.isSurrogate(c)) ? 2 : 1;
			}
		}
		return 4 + utf8;
	}

	/** The message in {@code bytes}, if it is well-formed, within the size limit and signed with our key. */
	public Message decode(byte[] bytes) throws InvalidMessageException {
		return decode(bytes, true);
	}

	/**
	 * Decodes bytes whose authenticity is already established: the concatenation of chunks that were
	 * each verified. Skipping the second pass of HMAC over a large message halves its cost.
	 */
	public Message decodeVerified(byte[] bytes) throws InvalidMessageException {
		return decode(bytes, false);
	}

	private Message decode(byte[] bytes, boolean verify) throws InvalidMessageException {
		if (bytes == null || bytes.length < PAYLOAD_OFFSET) {
			throw new InvalidMessageException(Reason.MALFORMED, "too short to be a message ("
					+ ((bytes != null) ? bytes.length : 0) + " bytes)");
		}
		if (bytes.length > this.maxMessageBytes) {
			throw new InvalidMessageException(Reason.OVERSIZED,
					bytes.length + " bytes is larger than the limit of " + this.maxMessageBytes);
		}
		if (bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1]) {
			throw new InvalidMessageException(Reason.MALFORMED, "not a JParallel message");
		}
		if (bytes[2] != MAGIC[2]) {
			throw new InvalidMessageException(Reason.MALFORMED, "unsupported wire version " + bytes[2]);
		}
		byte[] signature = Arrays.copyOfRange(bytes, MAGIC.length, PAYLOAD_OFFSET);
		if (verify && !this.signer.verify(signature, bytes, PAYLOAD_OFFSET, bytes.length - PAYLOAD_OFFSET)) {
			throw new InvalidMessageException(Reason.BAD_SIGNATURE, "signature does not match the cluster key");
		}
		try {
			Reader r = new Reader(bytes, PAYLOAD_OFFSET);
			Header header = readHeader(r);
			Header parent = (r.readByte() == 1) ? readHeader(r) : null;
			Map<String, String> metadata = readMap(r);
			Map<String, String> content = readMap(r);
			int count = r.readLength();
			List<byte[]> buffers = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				buffers.add(r.readBytes());
			}
			if (r.pos != bytes.length) {
				throw new InvalidMessageException(Reason.MALFORMED, (bytes.length - r.pos) + " trailing bytes");
			}
			return new Message(header, parent, metadata, content, buffers);
		}
		catch (IndexOutOfBoundsException | NegativeArraySizeException | NullPointerException ex) {
			throw new InvalidMessageException(Reason.MALFORMED, "truncated or corrupt message", ex);
		}
	}

	private static void writeHeader(Writer w, Header h) {
		w.writeString(h.msgId());
		w.writeString(h.msgType());
		w.writeString(h.session());
		w.writeString(h.username());
		w.writeLong(h.date().getEpochSecond());
		w.writeInt(h.date().getNano());
		w.writeString(h.version());
	}

	private static Header readHeader(Reader r) {
		String msgId = r.readString();
		String msgType = r.readString();
		String session = r.readString();
		String username = r.readString();
		Instant date = Instant.ofEpochSecond(r.readLong(), r.readInt());
		String version = r.readString();
		return new Header(msgId, msgType, session, username, date, version);
	}

	private static void writeMap(Writer w, Map<String, String> map) {
		w.writeInt(map.size());
		for (Map.Entry<String, String> entry : map.entrySet()) {
			w.writeString(entry.getKey());
			w.writeString(entry.getValue());
		}
	}

	private static Map<String, String> readMap(Reader r) {
		int size = r.readLength();
		Map<String, String> map = new HashMap<>(Math.max(4, size * 2));
		for (int i = 0; i < size; i++) {
			map.put(r.readString(), r.readString());
		}
		return map;
	}

	private static final class Writer {

		byte[] data;

		int pos;

		Writer(int capacity) {
			this.data = new byte[capacity];
		}

		void ensure(int extra) {
			if (this.pos + extra > this.data.length) {
				long wanted = Math.max((long) this.data.length * 2, (long) this.pos + extra);
				this.data = Arrays.copyOf(this.data, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
			}
		}

		void writeByte(int b) {
			ensure(1);
			this.data[this.pos++] = (byte) b;
		}

		void writeInt(int v) {
			ensure(4);
			this.data[this.pos++] = (byte) (v >>> 24);
			this.data[this.pos++] = (byte) (v >>> 16);
			this.data[this.pos++] = (byte) (v >>> 8);
			this.data[this.pos++] = (byte) v;
		}

		void writeLong(long v) {
			writeInt((int) (v >>> 32));
			writeInt((int) v);
		}

		void writeBytes(byte[] bytes) {
			writeBytes(bytes, 0, bytes.length);
		}

		void writeBytes(byte[] bytes, int offset, int length) {
			writeInt(length);
			ensure(length);
			System.arraycopy(bytes, offset, this.data, this.pos, length);
			this.pos += length;
		}

		void writeString(String s) {
			if (s == null) {
				writeInt(-1);
				return;
			}
			writeBytes(s.getBytes(StandardCharsets.UTF_8));
		}

	}

	private static final class Reader {

		final byte[] data;

		int pos;

		Reader(byte[] data, int pos) {
			this.data = data;
			this.pos = pos;
		}

		int readByte() {
			check(1);
			return this.data[this.pos++];
		}

		int readInt() {
			check(4);
			int v = ((this.data[this.pos] & 0xff) << 24) | ((this.data[this.pos + 1] & 0xff) << 16)
					| ((this.data[this.pos + 2] & 0xff) << 8) | (this.data[this.pos + 3] & 0xff);
			this.pos += 4;
			return v;
		}

		long readLong() {
			return ((long) readInt() << 32) | (readInt() & 0xffffffffL);
		}

		int readLength() {
			int length = readInt();
			if (length < 0 || length > this.data.length - this.pos) {
				throw new IndexOutOfBoundsException("length " + length + " at " + this.pos);
			}
			return length;
		}

		byte[] readBytes() {
			int length = readLength();
			byte[] bytes = Arrays.copyOfRange(this.data, this.pos, this.pos + length);
			this.pos += length;
			return bytes;
		}

		String readString() {
			int length = readInt();
			if (length == -1) {
				return null;
			}
			if (length < 0 || length > this.data.length - this.pos) {
				throw new IndexOutOfBoundsException("string length " + length + " at " + this.pos);
			}
			String s = new String(this.data, this.pos, length, StandardCharsets.UTF_8);
			this.pos += length;
			return s;
		}

		void check(int n) {
			if (this.pos + n > this.data.length) {
				throw new IndexOutOfBoundsException("need " + n + " bytes at " + this.pos);
			}
		}

	}

}
