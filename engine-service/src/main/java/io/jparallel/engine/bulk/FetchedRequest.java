package io.jparallel.engine.bulk;

import java.util.Map;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

/**
 * A request with its bulk values fetched: the message, and the primitive arrays that were decoded as they
 * arrived (by buffer index; their buffers are placeholders). Read a buffer's value with {@link #value}.
 * @param message the request, its other bulk buffers replaced by the bytes fetched
 * @param decoded arrays decoded as they arrived, by buffer index
 */
public record FetchedRequest(Message message, Map<Integer, Object> decoded) {

	public FetchedRequest {
		decoded = Map.copyOf(decoded);
	}

	/** A request with nothing fetched. */
	public static FetchedRequest of(Message message) {
		return new FetchedRequest(message, Map.of());
	}

	/** The value of buffer {@code index}: the array decoded as it arrived, or the buffer decoded now. */
	public Object value(int index, ClassLoader loader) throws ValueDecodingException {
		Object value = this.decoded.get(index);
		return (value != null) ? value : ValueCodec.decode(this.message.buffers().get(index), loader);
	}

}
