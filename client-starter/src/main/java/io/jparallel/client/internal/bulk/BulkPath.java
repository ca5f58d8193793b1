package io.jparallel.client.internal.bulk;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.Replies;
import io.jparallel.protocol.bulk.BulkBuffers;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.value.ArrayStreamEncoder;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.value.ValueDecodingException;

/**
 * What the bulk data path does to a client's messages: a request's buffers of at least the threshold are
 * served from the {@link BulkServer} and travel as references; requests whose replies carry values name
 * the client's upload offer (one for the client's life, see {@link BulkServer}), and a reply naming uploaded
 * values gets their verified bytes back. What a request served is released once all its replies are in. A
 * primitive array of at least the threshold is never held as encoded bytes here: pushed, it is encoded as an
 * engine fetches it; uploaded, it is decoded as it arrives (see {@link StreamedValues}).
 */
public final class BulkPath implements AutoCloseable {

	private final BulkSettings settings;

	private final BulkServer server;

	private final ClusterConnection cluster;

	/** Per request: the tokens it holds open, and how many replies are still to come. */
	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private final StreamedValues streamed = new StreamedValues();

	/** The upload offer's metadata value, written once. */
	private volatile String offer;

	public BulkPath(ClusterConnection cluster, BulkSettings settings) {
		this.cluster = cluster;
		this.settings = settings;
		this.server = new BulkServer(cluster.codec().signer(), settings, cluster.codec().maxMessageBytes(),
				URI.create(cluster.info().brokerUri()).getHost(), cluster.inbound());
	}

	/**
	 * A value as a request's buffer: its encoding, or, for a primitive array the bulk path takes, a marker that
	 * {@link #outgoing} serves the array under, to be encoded only as an engine fetches it.
	 */
	public byte[] encode(Object value) {
		ArrayStreamEncoder encoder = ValueCodec.arrayEncoder(value);
		if (encoder != null && this.settings.takes(encoder.size())) {
			return this.streamed.hold(value);
		}
		return ValueCodec.encode(value);
	}

	/** The value of a reply's buffer: an array decoded as it arrived, or the buffer decoded now. */
	public Object decode(byte[] buffer, ClassLoader classLoader) throws ValueDecodingException {
		Object array = this.streamed.valueOf(buffer);
		return (array != null) ? array : ValueCodec.decode(buffer, classLoader);
	}

	/** The request as it goes out: large buffers as references, and an upload offer if its reply carries values. */
	public Message outgoing(Message request, int replies) {
		if (!this.settings.enabled()) {
			return request;
		}
		boolean large = hasLargeBuffer(request);
		boolean offersUpload = returnsValues(request);
		if (!large && !offersUpload) {
			return request;
		}
		List<String> tokens = new ArrayList<>(1);
		Message out = large ? served(request, tokens) : request;
		if (offersUpload) {
			Map<String, String> metadata = new HashMap<>(out.metadata());
			metadata.put(MetadataKeys.BULK_UPLOAD, offer());
			metadata.put(MetadataKeys.BULK_MIN, String.valueOf(this.settings.threshold()));
			out = new Message(out.header(), out.parentHeader(), metadata, out.content(), out.buffers());
		}
		if (!tokens.isEmpty()) {
			this.held.put(request.header().msgId(), new Held(tokens, replies));
		}
		return out;
	}

	private String offer() {
		String written = this.offer;
		if (written == null) {
			written = this.server.offerUpload().toString();
			this.offer = written;
		}
		return written;
	}

	private boolean hasLargeBuffer(Message request) {
		for (byte[] buffer : request.buffers()) {
			if (this.settings.takes(buffer.length) || this.streamed.valueOf(buffer) != null) {
				return true;
			}
		}
		return false;
	}

	/** The request with its large buffers served and replaced by references; their tokens added to {@code tokens}. */
	private Message served(Message request, List<String> tokens) {
		Map<Integer, BulkReference> references = new LinkedHashMap<>();
		for (int i = 0; i < request.buffers().size(); i++) {
			byte[] buffer = request.buffers().get(i);
			Object array = this.streamed.valueOf(buffer);
			if (array != null || this.settings.takes(buffer.length)) {
				BulkReference reference = (array != null) ? this.server.serveArray(array) : this.server.serve(buffer);
				references.put(i, reference);
				tokens.add(reference.token());
			}
		}
		return BulkBuffers.withReferences(request, references);
	}

	private static boolean returnsValues(Message request) {
		return switch (request.msgType()) {
			case MessageType.PULL_REQUEST, MessageType.APPLY_REQUEST -> true;
			case MessageType.EXECUTE_REQUEST -> request.content(MetadataKeys.PULL_NAMES) != null;
			default -> false;
		};
	}

	/**
	 * The reply as the caller sees it: values the engine uploaded put back in place, after checking they are
	 * the ones its signed reply names; an error reply if they are not.
	 */
	public Message incoming(Message reply) {
		Map<Integer, BulkReference> references;
		try {
			references = BulkBuffers.references(reply);
		}
		catch (IllegalArgumentException ex) {
			return error(reply, new BulkTransferException("the reply names its bulk values wrongly: " + ex.getMessage(), ex));
		}
		if (references.isEmpty()) {
			return reply;
		}
		List<byte[]> buffers = new ArrayList<>(reply.buffers());
		try {
			for (Map.Entry<Integer, BulkReference> entry : references.entrySet()) {
				BulkStream.Received received = this.server.take(entry.getValue());
				buffers.set(entry.getKey(),
						(received.value() != null) ? this.streamed.hold(received.value()) : received.bytes());
			}
		}
		catch (BulkTransferException ex) {
			if (ex.rejected() != null) {
				this.cluster.inbound().reject(ex.rejected(), "bulk path", ex.getMessage());
			}
			return error(reply, ex);
		}
		return new Message(reply.header(), reply.parentHeader(), reply.metadata(), reply.content(), buffers);
	}

	private static Message error(Message reply, BulkTransferException ex) {
		Map<String, String> content = new HashMap<>(reply.content());
		content.putAll(Replies.errorContent(BulkTransferException.ENAME, ex.getMessage(), ""));
		return new Message(reply.header(), reply.parentHeader(), reply.metadata(), content, List.of());
	}

	/** Drops the values a reply that is not wanted (a second reply, or one to an unknown request) uploaded. */
	public void discard(Message reply) {
		try {
			BulkBuffers.references(reply).values().forEach(reference -> this.server.discard(reference.token()));
		}
		catch (IllegalArgumentException ex) {
			// it names them wrongly: nothing of it was taken, and what it uploaded goes with the ttl
		}
	}

	/** One reply to {@code msgId} arrived (or will never come); the last releases what the request held. */
	public void answered(String msgId, boolean all) {
		Held one = this.held.get(msgId);
		if (one != null && (all || one.remaining().decrementAndGet() <= 0) && this.held.remove(msgId, one)) {
			one.tokens().forEach(this.server::release);
		}
	}

	/** Values served, and values uploaded and not yet taken, now. */
	public int open() {
		return this.server.open();
	}

	@Override
	public void close() {
		this.server.close();
		this.held.clear();
	}

	private record Held(List<String> tokens, java.util.concurrent.atomic.AtomicInteger remaining) {

		Held(List<String> tokens, int replies) {
			this(tokens, new java.util.concurrent.atomic.AtomicInteger(Math.max(1, replies)));
		}

	}

}
