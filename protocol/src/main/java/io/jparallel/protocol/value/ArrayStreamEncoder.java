package io.jparallel.protocol.value;

/**
 * Produces the bytes {@link ValueCodec#encode} gives a primitive array (its tag, then its elements as raw
 * little-endian bytes) piece by piece, so a large array can be sent without being held a second time as bytes.
 * Get one from {@link ValueCodec#arrayEncoder(Object)}.
 */
public final class ArrayStreamEncoder {

	private final byte tag;

	private final Object array;

	private final int elementBytes;

	private final int length;

	/** Elements written so far; -1 before the tag. */
	private int written = -1;

	ArrayStreamEncoder(byte tag, Object array, int elementBytes, int length) {
		this.tag = tag;
		this.array = array;
		this.elementBytes = elementBytes;
		this.length = length;
	}

	/** The size of the whole encoding in bytes. */
	public long size() {
		return 1 + (long) this.length * this.elementBytes;
	}

	/**
	 * Writes the next bytes of the encoding into {@code into}, whole elements only (at least 8 bytes of room).
	 * @return how many bytes were written; 0 once all were
	 */
	public int next(byte[] into) {
		int at = 0;
		if (this.written < 0) {
			into[at++] = this.tag;
			this.written = 0;
		}
		int elements = Math.min((into.length - at) / this.elementBytes, this.length - this.written);
		if (elements > 0) {
			LittleEndianArrays.copy(this.array, this.written, elements, into, at, this.elementBytes, true);
			this.written += elements;
			at += elements * this.elementBytes;
		}
		return at;
	}

}
