package io.jparallel.protocol.value;

/**
 * Decodes a primitive array that {@link ValueCodec} encodes as raw little-endian bytes while its bytes arrive,
 * straight into the array: a large value received this way is never held a second time as bytes. Get one from
 * {@link ValueCodec#arrayDecoder(byte, long)}; give it the bytes after the tag, in order, in pieces of any size.
 */
public final class ArrayStreamDecoder {

	private final Object array;

	private final int elementBytes;

	private final int length;

	/** Elements filled so far. */
	private int filled;

	/** The bytes of an element split between two pieces. */
	private final byte[] carry;

	private int carried;

	ArrayStreamDecoder(Object array, int elementBytes, int length) {
		this.array = array;
		this.elementBytes = elementBytes;
		this.length = length;
		this.carry = new byte[elementBytes];
	}

	/** Takes the next {@code count} bytes of the array's body. */
	public void accept(byte[] bytes, int offset, int count) {
		int from = offset;
		int end = offset + count;
		if (this.carried > 0) {
			int take = Math.min(this.elementBytes - this.carried, end - from);
			System.arraycopy(bytes, from, this.carry, this.carried, take);
			this.carried += take;
			from += take;
			if (this.carried < this.elementBytes) {
				return;
			}
			fill(this.carry, 0, 1);
			this.carried = 0;
		}
		int whole = (end - from) / this.elementBytes;
		if (this.filled + whole + ((end - from) % this.elementBytes > 0 ? 1 : 0) > this.length) {
			throw new IllegalStateException("more bytes than the " + this.length + " elements announced");
		}
		fill(bytes, from, whole);
		from += whole * this.elementBytes;
		this.carried = end - from;
		System.arraycopy(bytes, from, this.carry, 0, this.carried);
	}

	private void fill(byte[] bytes, int offset, int elements) {
		if (elements > 0) {
			LittleEndianArrays.copy(this.array, this.filled, elements, bytes, offset, this.elementBytes, false);
			this.filled += elements;
		}
	}

	/**
	 * The array, once all its bytes have arrived.
	 * @throws IllegalStateException if some are missing
	 */
	public Object value() {
		if (this.filled != this.length || this.carried != 0) {
			throw new IllegalStateException("the array has " + this.filled + " of its " + this.length + " elements");
		}
		return this.array;
	}

}
