package io.jparallel.engine.bulk;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.bulk.BulkBuffers;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.function.GlobalVariable;
import io.jparallel.protocol.value.ArrayStreamEncoder;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;
import io.jparallel.protocol.wire.MessageSigner;

/**
 * The engine's end of the bulk data path (see {@link BulkStream}). A request whose buffers are bulk
 * references gets them fetched from the client's bulk server first: at most the engine's message size
 * limit, exactly the size the signed request names, and only once the digest that follows the bytes
 * matches; anything else is refused and counted like a rejected message. A reply value of at least the
 * size the request's upload offer names is uploaded to the client, and the reply carries its reference and
 * digest instead; if the upload fails the value goes through the broker as before.
 */
@Component
public class BulkTransfers {

	private static final Log logger = LogFactory.getLog(BulkTransfers.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How long connecting to a client's bulk server, and any stall of a transfer, may take. */
	static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("jparallel.bulk.timeout-seconds", 30));

	private static final int SOCKET_BUFFER = 1 << 20;

	private final ClusterConnection cluster;

	public BulkTransfers(ClusterConnection cluster) {
		this.cluster = cluster;
	}

	/**
	 * The request with its bulk values fetched (content {@value MetadataKeys#BULK_RECEIVED} says what
	 * arrived); the request itself if it has none. The values a push sets and an apply's arguments, when they
	 * are primitive arrays, are decoded as they arrive instead of being held as bytes first.
	 * @throws BulkTransferException if a value could not be fetched or was refused (counted)
	 */
	public FetchedRequest fetch(Message request) throws BulkTransferException {
		try {
			return fetchAll(request);
		}
		catch (BulkTransferException ex) {
			if (ex.rejected() != null) {
				this.cluster.inbound().reject(ex.rejected(), source(request), ex.getMessage());
			}
			throw ex;
		}
	}

	private FetchedRequest fetchAll(Message request) throws BulkTransferException {
		Map<Integer, BulkReference> references;
		try {
			references = BulkBuffers.references(request);
		}
		catch (IllegalArgumentException ex) {
			throw rejected(Reason.MALFORMED, request, "bad bulk references: " + ex.getMessage());
		}
		if (references.isEmpty()) {
			return FetchedRequest.of(request);
		}
		int firstDecodable = firstValueBuffer(request);
		Map<Integer, BulkStream.Received> fetched = new LinkedHashMap<>();
		Map<Integer, Object> decoded = new HashMap<>();
		for (Map.Entry<Integer, BulkReference> entry : references.entrySet()) {
			BulkStream.Received received = fetch(request, entry.getValue(), entry.getKey() >= firstDecodable);
			fetched.put(entry.getKey(), received);
			if (received.value() != null) {
				decoded.put(entry.getKey(), received.value());
			}
		}
		return new FetchedRequest(BulkBuffers.resolved(request, fetched), decoded);
	}

	/**
	 * The first buffer the handler reads as a plain value ({@link FetchedRequest#value}): every buffer of a push
	 * or an execute (the values it pushes), an apply's arguments (after its function and globals); none of
	 * any other request.
	 */
	private static int firstValueBuffer(Message request) {
		return switch (request.msgType()) {
			case MessageType.PUSH_REQUEST, MessageType.EXECUTE_REQUEST -> 0;
			case MessageType.APPLY_REQUEST -> firstArgument(request);
			default -> Integer.MAX_VALUE;
		};
	}

	private static int firstArgument(Message apply) {
		try {
			return 1 + GlobalVariable.parseAll(apply.content(MetadataKeys.GLOBALS)).size();
		}
		catch (IllegalArgumentException ex) {
			return Integer.MAX_VALUE; // the handler answers the bad list of globals
		}
	}

	private BulkStream.Received fetch(Message request, BulkReference reference, boolean decodeArrays)
			throws BulkTransferException {
		int limit = this.cluster.codec().maxMessageBytes();
		if (reference.size() < 0 || reference.size() > limit) {
			throw rejected(Reason.OVERSIZED, request, "a bulk value of " + reference.size()
					+ " bytes (the engine accepts at most " + limit + ")");
		}
		try (Socket socket = connect(reference)) {
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1024));
			BulkStream.open(out, BulkStream.GET, reference.token());
			out.flush();
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
			BulkStream.expectOk(in, "to serve " + reference);
			long size = in.readLong();
			if (size != reference.size()) {
				throw rejected((size > reference.size()) ? Reason.OVERSIZED : Reason.MALFORMED, request, "the client's "
						+ "bulk server sends " + size + " bytes where the signed request names " + reference.size());
			}
			long started = System.nanoTime();
			BulkStream.Received received = decodeArrays
					? BulkStream.readSignedValue(in, signer(), reference.token(), size)
					: BulkStream.readSigned(in, signer(), reference.token(), size);
			logTransfer("Fetched", size, request, started);
			return received;
		}
		catch (IOException ex) {
			throw new BulkTransferException("cannot fetch the value of " + request.msgType() + " "
					+ request.header().msgId() + " from the client's bulk server at " + reference.host() + ":"
					+ reference.port() + " (" + ex.getMessage() + "); a client engines cannot reach should set "
					+ "jparallel.bulk.host to an address they can, or jparallel.bulk.threshold=0", ex);
		}
	}

	/**
	 * The buffers of a reply carrying {@code values}: each one encoded, except a primitive array of at least the
	 * request's {@value MetadataKeys#BULK_MIN} bytes when the request offers an upload: that one keeps a
	 * placeholder and goes into {@code arrays}, for {@link #offer} to upload straight from the array.
	 */
	public List<byte[]> replyBuffers(Message request, List<Object> values, Map<Integer, Object> arrays) {
		long min = UploadOffer.min(request);
		List<byte[]> buffers = new ArrayList<>(values.size());
		for (Object value : values) {
			ArrayStreamEncoder encoder = (min > 0) ? ValueCodec.arrayEncoder(value) : null;
			// a malformed offer leaves every value encoded (offer() warns about it)
			if (encoder != null && encoder.size() >= min && UploadOffer.isWellFormed(request)) {
				arrays.put(buffers.size(), value);
				buffers.add(ValueCodec.bulkPlaceholder("uploaded from the array"));
			}
			else {
				buffers.add(ValueCodec.encode(value));
			}
		}
		return buffers;
	}

	/**
	 * The reply as it goes out: values of at least the request's {@value MetadataKeys#BULK_MIN} bytes uploaded
	 * to its {@value MetadataKeys#BULK_UPLOAD} offer and replaced by references, what was fetched for the
	 * request noted; values whose upload fails stay in the reply. {@code arrays} are the reply's buffers still
	 * to be encoded ({@link #replyBuffers}). The offer's reference is only read when a value is large enough
	 * for it: most replies are small, and it is a URI to parse on every one.
	 */
	public Message offer(Message request, Message reply, Map<Integer, Object> arrays) {
		Message out = reply;
		String received = request.content(MetadataKeys.BULK_RECEIVED);
		if (received != null) {
			Map<String, String> content = new HashMap<>(out.content());
			content.put(MetadataKeys.BULK_RECEIVED, received);
			out = new Message(out.header(), out.parentHeader(), out.metadata(), content, out.buffers());
		}
		if (request.metadata(MetadataKeys.BULK_UPLOAD) == null || out.buffers().isEmpty()) {
			return out;
		}
		long min = UploadOffer.min(request);
		if (min == 0) {
			UploadOffer.ignored(request, "its " + MetadataKeys.BULK_MIN + " is not a number of bytes");
			return withEncoded(out, arrays, Set.of());
		}
		BulkReference offered = null;
		Map<Integer, BulkReference> uploaded = new LinkedHashMap<>();
		for (int i = 0; i < out.buffers().size(); i++) {
			Object array = arrays.get(i);
			byte[] value = (array != null) ? null : out.buffers().get(i);
			long size = (array != null) ? ValueCodec.arrayEncoder(array).size() : value.length;
			if (size < min) {
				continue;
			}
			if (offered == null) {
				offered = UploadOffer.reference(request);
				if (offered == null) {
					return withEncoded(out, arrays, Set.of());
				}
			}
			try {
				uploaded.put(i, upload(request, offered, value, array));
			}
			catch (BulkTransferException | IOException ex) {
				logger.warn("The reply to " + request.header().msgId() + " carries its value of " + size
						+ " bytes through the broker: the upload to the client at " + offered.host() + ":"
						+ offered.port() + " failed (" + ex.getMessage() + ")");
			}
		}
		return BulkBuffers.withReferences(withEncoded(out, arrays, uploaded.keySet()), uploaded);
	}

	/** The reply with its arrays that were not uploaded put in as encoded bytes. */
	private static Message withEncoded(Message reply, Map<Integer, Object> arrays, Set<Integer> uploaded) {
		if (uploaded.containsAll(arrays.keySet())) {
			return reply;
		}
		List<byte[]> buffers = new ArrayList<>(reply.buffers());
		arrays.forEach((index, array) -> {
			if (!uploaded.contains(index)) {
				buffers.set(index, ValueCodec.encode(array));
			}
		});
		return new Message(reply.header(), reply.parentHeader(), reply.metadata(), reply.content(), buffers);
	}

	/** A request's offer to take reply values of at least {@code min} bytes over the bulk path. */
	private static final class UploadOffer {

		private UploadOffer() {
		}

		/** The least size of a value the request offers to take; 0 if it makes no offer or a malformed size. */
		static long min(Message request) {
			if (request.metadata(MetadataKeys.BULK_UPLOAD) == null) {
				return 0;
			}
			try {
				return Math.max(1, Long.parseLong(request.metadata(MetadataKeys.BULK_MIN)));
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}

		/** Whether the request's offer names a bulk reference. */
		static boolean isWellFormed(Message request) {
			try {
				BulkReference.parse(request.metadata(MetadataKeys.BULK_UPLOAD));
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		/** Where the request offers to take values; {@code null} if it is malformed (logged). */
		static BulkReference reference(Message request) {
			try {
				return BulkReference.parse(request.metadata(MetadataKeys.BULK_UPLOAD));
			}
			catch (IllegalArgumentException ex) {
				ignored(request, ex.getMessage());
				return null;
			}
		}

		static void ignored(Message request, String why) {
			logger.warn("Ignored the bulk upload offer of " + request.header().msgId() + ": " + why);
		}

	}

	/** Uploads {@code value}, or else {@code array} encoded as it goes. */
	private BulkReference upload(Message request, BulkReference offer, byte[] value, Object array)
			throws BulkTransferException, IOException {
		ArrayStreamEncoder encoder = (value == null) ? ValueCodec.arrayEncoder(array) : null;
		long size = (value != null) ? value.length : encoder.size();
		String transfer = token();
		try (Socket socket = connect(offer)) {
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1024));
			BulkStream.open(out, BulkStream.PUT, offer.token());
			out.writeUTF(transfer);
			out.writeLong(size);
			out.flush();
			BulkStream.expectOk(in, "an upload of " + size + " bytes");
			long started = System.nanoTime();
			byte[] hmac = (value != null) ? BulkStream.writeSigned(out, signer(), transfer, value)
					: BulkStream.writeSigned(out, signer(), transfer, encoder);
			BulkStream.expectOk(in, "the " + size + " bytes uploaded");
			logTransfer("Uploaded", size, request, started);
			return offer.of(transfer, size, hmac);
		}
	}

	private static void logTransfer(String what, long bytes, Message request, long startedNanos) {
		if (logger.isInfoEnabled()) {
			long micros = Math.max(1, (System.nanoTime() - startedNanos) / 1_000);
			logger.info(String.format("%s %,d bytes for %s %s over the bulk path in %.1f ms (%.0f MB/s)", what, bytes,
					request.msgType(), request.header().msgId(), micros / 1e3, bytes / (double) micros));
		}
	}

	private static Socket connect(BulkReference reference) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setReceiveBufferSize(SOCKET_BUFFER);
			socket.setSendBufferSize(SOCKET_BUFFER);
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress(reference.host(), reference.port()), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static BulkTransferException rejected(Reason reason, Message request, String detail) {
		return new BulkTransferException(reason, detail + " in " + request.msgType() + " " + request.header().msgId());
	}

	private MessageSigner signer() {
		return this.cluster.codec().signer();
	}

	private static String source(Message request) {
		return "bulk transfer of " + request.msgType() + " " + request.header().msgId() + " from client "
				+ request.header().session();
	}

	private static String token() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
