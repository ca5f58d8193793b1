package io.jparallel.client;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Scatter and gather arithmetic over lists and arrays (primitive ones included): ipyparallel's
 * contiguous partitions, slices that keep the sequence's type, and concatenation in target order.
 */
final class Sequences {

	private Sequences() {
	}

	static int length(Object sequence) {
		if (sequence instanceof List<?> list) {
			return list.size();
		}
		if (sequence != null && sequence.getClass().isArray()) {
			return Array.getLength(sequence);
		}
		throw new IllegalArgumentException("scatter needs a List or an array, got "
				+ ((sequence != null) ? sequence.getClass().getName() : "null"));
	}

	/**
	 * The part {@code [low, high)} of {@code n} elements that target {@code p} of {@code q} gets: the first
	 * {@code n % q} targets get one element more (ipyparallel's {@code Map.getPartition}).
	 */
	static int[] partition(int n, int p, int q) {
		if (q < 1 || p < 0 || p >= q) {
			throw new IllegalArgumentException("No part " + p + " of " + q);
		}
		int remainder = n % q;
		int base = n / q;
		int low = (p < remainder) ? p * (base + 1) : p * base + remainder;
		int high = low + ((p < remainder) ? base + 1 : base);
		return new int[] { low, high };
	}

	/** A copy of elements {@code [from, to)}: an {@link ArrayList} for a list, an array of the same type for an array. */
	static Object slice(Object sequence, int from, int to) {
		if (sequence instanceof List<?> list) {
			return new ArrayList<>(list.subList(from, to));
		}
		Object part = Array.newInstance(sequence.getClass().getComponentType(), to - from);
		System.arraycopy(sequence, from, part, 0, to - from);
		return part;
	}

	static Object element(Object sequence, int index) {
		return (sequence instanceof List<?> list) ? list.get(index) : Array.get(sequence, index);
	}

	/** Concatenates the parts in order; a part that is not a collection or an array is one element. */
	static List<Object> concat(List<?> parts) {
		List<Object> all = new ArrayList<>();
		for (Object part : parts) {
			if (part instanceof Collection<?> collection) {
				all.addAll(collection);
			}
			else if (part != null && part.getClass().isArray()) {
				for (int i = 0, n = Array.getLength(part); i < n; i++) {
					all.add(Array.get(part, i));
				}
			}
			else {
				all.add(part);
			}
		}
		return all;
	}

	/** Concatenates array parts (or single elements) into one array of {@code arrayType}. */
	static <A> A concatArrays(List<?> parts, Class<A> arrayType) {
		if (!arrayType.isArray()) {
			throw new IllegalArgumentException(arrayType.getName() + " is not an array type");
		}
		List<Object> all = concat(parts);
		Object array = Array.newInstance(arrayType.getComponentType(), all.size());
		for (int i = 0; i < all.size(); i++) {
			try {
				Array.set(array, i, all.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Element " + i + " of the gathered parts, " + all.get(i)
						+ ", does not fit a " + arrayType.getComponentType().getName() + "[]", ex);
			}
		}
		return arrayType.cast(array);
	}

}
