package io.jparallel.client.internal.bulk;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import io.jparallel.protocol.value.ValueCodec;

/**
 * Primitive arrays that travel over the bulk path without ever being held as encoded bytes by the client:
 * one pushed is encoded slice by slice as an engine fetches it, one pulled is decoded as its bytes arrive.
 * In a message's buffers such an array stands as a marker, a small buffer of its own that maps back to the
 * array for as long as the message holds it. A marker that reached anything but the client's bulk path
 * reads as an unresolved bulk placeholder, so decoding it elsewhere fails with that error instead of giving
 * a wrong value.
 */
final class StreamedValues {

	private static final String MARKER_TEXT = "streamed-on-client";

	/** Keys are compared by identity (arrays do not override equals), and dropped with their message. */
	private final Map<byte[], Object> values = Collections.synchronizedMap(new WeakHashMap<>());

	/** A new marker standing for {@code array}. */
	byte[] hold(Object array) {
		byte[] marker = ValueCodec.bulkPlaceholder(MARKER_TEXT);
		this.values.put(marker, array);
		return marker;
	}

	/** The array {@code buffer} stands for, or {@code null} if it is not a marker of this client. */
	Object valueOf(byte[] buffer) {
		return ValueCodec.isBulkPlaceholder(buffer) ? this.values.get(buffer) : null;
	}

}
