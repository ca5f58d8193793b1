package io.jparallel.protocol.value;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Copies between a primitive array and raw little-endian bytes, for the array stream encoder and decoder. */
final class LittleEndianArrays {

	private LittleEndianArrays() {
	}

	/**
	 * Copies {@code count} elements from {@code array} at {@code offset} into {@code bytes} (if
	 * {@code toBytes}), or the other way.
	 */
	static void copy(Object array, int offset, int count, byte[] bytes, int at, int elementBytes, boolean toBytes) {
		ByteBuffer le = ByteBuffer.wrap(bytes, at, count * elementBytes).slice().order(ByteOrder.LITTLE_ENDIAN);
		if (array instanceof double[] doubles) {
			if (toBytes) {
				le.asDoubleBuffer().put(doubles, offset, count);
			}
			else {
				le.asDoubleBuffer().get(doubles, offset, count);
			}
		}
		else if (array instanceof long[] longs) {
			if (toBytes) {
				le.asLongBuffer().put(longs, offset, count);
			}
			else {
				le.asLongBuffer().get(longs, offset, count);
			}
		}
		else if (array instanceof int[] ints) {
			if (toBytes) {
				le.asIntBuffer().put(ints, offset, count);
			}
			else {
				le.asIntBuffer().get(ints, offset, count);
			}
		}
		else if (array instanceof float[] floats) {
			if (toBytes) {
				le.asFloatBuffer().put(floats, offset, count);
			}
			else {
				le.asFloatBuffer().get(floats, offset, count);
			}
		}
		else if (array instanceof short[] shorts) {
			if (toBytes) {
				le.asShortBuffer().put(shorts, offset, count);
			}
			else {
				le.asShortBuffer().get(shorts, offset, count);
			}
		}
		else if (toBytes) {
			le.asCharBuffer().put((char[]) array, offset, count);
		}
		else {
			le.asCharBuffer().get((char[]) array, offset, count);
		}
	}

}
