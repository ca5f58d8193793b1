package io.jparallel.protocol.value;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Turns values into bytes and back. Common types (strings, boxed numbers, primitive arrays) take a
 * compact fast path (primitive arrays: a tag byte, then the elements as raw little-endian bytes); anything else uses Java serialization, resolving classes through the class
 * loader given to {@link #decode(byte[], ClassLoader)} so an engine can fetch classes it lacks.
 * <p>
 * Only decode bytes from a message whose signature was verified: Java deserialization runs code.
 */
public final class ValueCodec {

	private static final byte NULL = 0;
	private static final byte BYTES = 1;
	private static final byte DOUBLES = 2;
	private static final byte INTS = 3;
	private static final byte LONGS = 4;
	private static final byte STRING = 5;
	private static final byte INTEGER = 6;
	private static final byte LONG = 7;
	private static final byte DOUBLE = 8;
	private static final byte BOOLEAN = 9;
	private static final byte INTEGER_LIST = 10;
	private static final byte LONG_LIST = 11;
	private static final byte DOUBLE_LIST = 12;
	// primitive arrays as raw little-endian bytes (the order of x86 and ARM: a plain copy); 2-4 are big-endian ones
	private static final byte DOUBLES_LE = 13;
	private static final byte INTS_LE = 14;
	private static final byte LONGS_LE = 15;
	private static final byte FLOATS_LE = 16;
	private static final byte SHORTS_LE = 17;
	private static final byte CHARS_LE = 18;
	private static final byte BOOLEANS = 19;
	/** Not a value: a buffer that travelled over the bulk path (see {@code io.jparallel.protocol.bulk}). */
	private static final byte BULK_PLACEHOLDER = 60;
	private static final byte SERIALIZED = 100;

	private ValueCodec() {
	}

	public static byte[] encode(Object value) {
		if (value == null) {
			return new byte[] { NULL };
		}
		if (value instanceof byte[] bytes) {
			byte[] out = new byte[1 + bytes.length];
			out[0] = BYTES;
			System.arraycopy(bytes, 0, out, 1, bytes.length);
			return out;
		}
		if (value instanceof double[] doubles) {
			ByteBuffer buffer = tagged(DOUBLES_LE, doubles.length * 8L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(doubles);
			return buffer.array();
		}
		if (value instanceof int[] ints) {
			ByteBuffer buffer = tagged(INTS_LE, ints.length * 4L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(ints);
			return buffer.array();
		}
		if (value instanceof long[] longs) {
			ByteBuffer buffer = tagged(LONGS_LE, longs.length * 8L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(longs);
			return buffer.array();
		}
		if (value instanceof float[] floats) {
			ByteBuffer buffer = tagged(FLOATS_LE, floats.length * 4L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(floats);
			return buffer.array();
		}
		if (value instanceof short[] shorts) {
			ByteBuffer buffer = tagged(SHORTS_LE, shorts.length * 2L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(shorts);
			return buffer.array();
		}
		if (value instanceof char[] chars) {
			ByteBuffer buffer = tagged(CHARS_LE, chars.length * 2L);
			buffer.order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().put(chars);
			return buffer.array();
		}
		if (value instanceof boolean[] booleans) {
			byte[] out = new byte[1 + booleans.length];
			out[0] = BOOLEANS;
			for (int i = 0; i < booleans.length; i++) {
				out[i + 1] = (byte) (booleans[i] ? 1 : 0);
			}
			return out;
		}
		if (value instanceof String s) {
			byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
			byte[] out = new byte[1 + utf8.length];
			out[0] = STRING;
			System.arraycopy(utf8, 0, out, 1, utf8.length);
			return out;
		}
		if (value instanceof Integer i) {
			return tagged(INTEGER, 4).putInt(i).array();
		}
		if (value instanceof Long l) {
			return tagged(LONG, 8).putLong(l).array();
		}
		if (value instanceof Double d) {
			return tagged(DOUBLE, 8).putDouble(d).array();
		}
		if (value instanceof Boolean b) {
			return new byte[] { BOOLEAN, (byte) (b ? 1 : 0) };
		}
		if (value instanceof java.util.List<?> list && !list.isEmpty()) {
			byte[] numbers = encodeNumberList(list);
			if (numbers != null) {
				return numbers;
			}
		}
		byte[] lambda = LambdaCodec.encode(value);
		return (lambda != null) ? lambda : serialize(value);
	}

	public static Object decode(byte[] bytes, ClassLoader classLoader) throws ValueDecodingException {
		try {
			return decodeTagged(bytes, classLoader);
		}
		catch (java.nio.BufferUnderflowException ex) {
			throw new ValueDecodingException("value truncated (" + bytes.length + " bytes for tag " + bytes[0] + ")", ex);
		}
	}

	private static Object decodeTagged(byte[] bytes, ClassLoader classLoader) throws ValueDecodingException {
		if (bytes.length == 0) {
			throw new ValueDecodingException("empty value");
		}
		ByteBuffer body = ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice().order(ByteOrder.BIG_ENDIAN);
		switch (bytes[0]) {
			case NULL:
				return null;
			case BYTES: {
				byte[] out = new byte[bytes.length - 1];
				body.get(out);
				return out;
			}
			case DOUBLES: {
				double[] out = new double[body.remaining() / 8];
				body.asDoubleBuffer().get(out);
				return out;
			}
			case INTS: {
				int[] out = new int[body.remaining() / 4];
				body.asIntBuffer().get(out);
				return out;
			}
			case LONGS: {
				long[] out = new long[body.remaining() / 8];
				body.asLongBuffer().get(out);
				return out;
			}
			case DOUBLES_LE: {
				double[] out = new double[body.remaining() / 8];
				body.order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
				return out;
			}
			case INTS_LE: {
				int[] out = new int[body.remaining() / 4];
				body.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
				return out;
			}
			case LONGS_LE: {
				long[] out = new long[body.remaining() / 8];
				body.order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
				return out;
			}
			case FLOATS_LE: {
				float[] out = new float[body.remaining() / 4];
				body.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
				return out;
			}
			case SHORTS_LE: {
				short[] out = new short[body.remaining() / 2];
				body.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
				return out;
			}
			case CHARS_LE: {
				char[] out = new char[body.remaining() / 2];
				body.order(ByteOrder.LITTLE_ENDIAN).asCharBuffer().get(out);
				return out;
			}
			case BOOLEANS: {
				boolean[] out = new boolean[bytes.length - 1];
				for (int i = 0; i < out.length; i++) {
					out[i] = bytes[i + 1] != 0;
				}
				return out;
			}
			case BULK_PLACEHOLDER:
				throw new ValueDecodingException("the value travelled over the bulk path and was not resolved ("
						+ new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8)
						+ "); the hub and the broker keep only its size and digest, not its bytes");
			case STRING:
				return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
			case INTEGER:
				return body.getInt();
			case LONG:
				return body.getLong();
			case DOUBLE:
				return body.getDouble();
			case BOOLEAN:
				return body.get() != 0;
			case INTEGER_LIST: {
				java.util.List<Integer> out = new java.util.ArrayList<>(body.remaining() / 4);
				while (body.hasRemaining()) {
					out.add(body.getInt());
				}
				return out;
			}
			case LONG_LIST: {
				java.util.List<Long> out = new java.util.ArrayList<>(body.remaining() / 8);
				while (body.hasRemaining()) {
					out.add(body.getLong());
				}
				return out;
			}
			case DOUBLE_LIST: {
				java.util.List<Double> out = new java.util.ArrayList<>(body.remaining() / 8);
				while (body.hasRemaining()) {
					out.add(body.getDouble());
				}
				return out;
			}
			case LambdaCodec.TAG:
				return LambdaCodec.decode(bytes, classLoader);
			case SERIALIZED:
				return deserialize(bytes, classLoader);
			default:
				throw new ValueDecodingException("unknown value tag " + bytes[0]);
		}
	}

	/**
	 * A decoder that fills a primitive array as the bytes after its tag arrive, if {@code tag} is one of the
	 * raw little-endian array tags and {@code bodyBytes} a whole number of its elements; {@code null} for any
	 * other value, which must then be read whole and given to {@link #decode(byte[], ClassLoader)}.
	 */
	public static ArrayStreamDecoder arrayDecoder(byte tag, long bodyBytes) {
		int elementBytes = switch (tag) {
			case DOUBLES_LE, LONGS_LE -> 8;
			case INTS_LE, FLOATS_LE -> 4;
			case SHORTS_LE, CHARS_LE -> 2;
			default -> 0;
		};
		if (elementBytes == 0 || bodyBytes < 0 || bodyBytes % elementBytes != 0
				|| bodyBytes / elementBytes > Integer.MAX_VALUE - 8) {
			return null;
		}
		int length = (int) (bodyBytes / elementBytes);
		Object array = switch (tag) {
			case DOUBLES_LE -> new double[length];
			case LONGS_LE -> new long[length];
			case INTS_LE -> new int[length];
			case FLOATS_LE -> new float[length];
			case SHORTS_LE -> new short[length];
			default -> new char[length];
		};
		return new ArrayStreamDecoder(array, elementBytes, length);
	}

	/**
	 * The encoding of a primitive array that {@link #encode} writes as a tag and raw little-endian bytes, produced
	 * piece by piece (see {@link ArrayStreamEncoder}); {@code null} for any other value.
	 */
	public static ArrayStreamEncoder arrayEncoder(Object value) {
		if (value instanceof double[] doubles) {
			return new ArrayStreamEncoder(DOUBLES_LE, doubles, 8, doubles.length);
		}
		if (value instanceof long[] longs) {
			return new ArrayStreamEncoder(LONGS_LE, longs, 8, longs.length);
		}
		if (value instanceof int[] ints) {
			return new ArrayStreamEncoder(INTS_LE, ints, 4, ints.length);
		}
		if (value instanceof float[] floats) {
			return new ArrayStreamEncoder(FLOATS_LE, floats, 4, floats.length);
		}
		if (value instanceof short[] shorts) {
			return new ArrayStreamEncoder(SHORTS_LE, shorts, 2, shorts.length);
		}
		if (value instanceof char[] chars) {
			return new ArrayStreamEncoder(CHARS_LE, chars, 2, chars.length);
		}
		return null;
	}

	/** A placeholder buffer for a value that travels over the bulk path, naming where it is. */
	public static byte[] bulkPlaceholder(String reference) {
		byte[] text = reference.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[1 + text.length];
		out[0] = BULK_PLACEHOLDER;
		System.arraycopy(text, 0, out, 1, text.length);
		return out;
	}

	/** Whether a buffer is a bulk placeholder rather than a value. */
	public static boolean isBulkPlaceholder(byte[] buffer) {
		return buffer != null && buffer.length > 0 && buffer[0] == BULK_PLACEHOLDER;
	}

	/**
	 * A list of only Integers, only Longs or only Doubles (what maps mostly carry, both ways) as
	 * packed numbers; decoded as a mutable {@link java.util.ArrayList}. {@code null} for any other list.
	 */
	private static byte[] encodeNumberList(java.util.List<?> list) {
		Class<?> type = list.get(0) != null ? list.get(0).getClass() : null;
		if (type != Integer.class && type != Long.class && type != Double.class) {
			return null;
		}
		for (Object element : list) {
			if (element == null || element.getClass() != type) {
				return null;
			}
		}
		if (type == Integer.class) {
			ByteBuffer buffer = tagged(INTEGER_LIST, list.size() * 4L);
			list.forEach(element -> buffer.putInt((Integer) element));
			return buffer.array();
		}
		ByteBuffer buffer = tagged((type == Long.class) ? LONG_LIST : DOUBLE_LIST, list.size() * 8L);
		if (type == Long.class) {
			list.forEach(element -> buffer.putLong((Long) element));
		}
		else {
			list.forEach(element -> buffer.putDouble((Double) element));
		}
		return buffer.array();
	}

	private static ByteBuffer tagged(byte tag, long size) {
		if (size > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("Value of " + size + " bytes is too large for one buffer");
		}
		ByteBuffer buffer = ByteBuffer.allocate(1 + (int) size);
		buffer.put(tag);
		return buffer;
	}

	private static byte[] serialize(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		bytes.write(SERIALIZED);
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (NotSerializableException ex) {
			throw new IllegalArgumentException("Cannot send a " + value.getClass().getName()
					+ " to an engine: " + ex.getMessage() + " is not Serializable", ex);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot serialize a " + value.getClass().getName(), ex);
		}
		return bytes.toByteArray();
	}

	private static Object deserialize(byte[] bytes, ClassLoader classLoader) throws ValueDecodingException {
		InputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
		try (ObjectInputStream objects = new ClassLoaderObjectInputStream(in, classLoader)) {
			return objects.readObject();
		}
		catch (ClassNotFoundException ex) {
			throw new ValueDecodingException("class not found: " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new ValueDecodingException("cannot deserialize value: " + ex, ex);
		}
	}

	private static final class ClassLoaderObjectInputStream extends ObjectInputStream {

		private final ClassLoader classLoader;

		ClassLoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
			super(in);
			this.classLoader = classLoader;
		}

		@Override
		protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
			if (this.classLoader != null) {
				try {
					return Class.forName(desc.getName(), false, this.classLoader);
				}
				catch (ClassNotFoundException ex) {
					// primitives and arrays of primitives are resolved by the default below
				}
			}
			return super.resolveClass(desc);
		}

	}

}
