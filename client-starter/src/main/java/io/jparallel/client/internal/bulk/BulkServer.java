package io.jparallel.client.internal.bulk;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.jparallel.protocol.amqp.InboundMessages;
import io.jparallel.protocol.bulk.BulkReference;
import io.jparallel.protocol.bulk.BulkStream;
import io.jparallel.protocol.bulk.BulkTransferException;
import io.jparallel.protocol.value.ArrayStreamEncoder;
import io.jparallel.protocol.value.ValueCodec;
import io.jparallel.protocol.wire.InvalidMessageException.Reason;
import io.jparallel.protocol.wire.MessageSigner;

/**
 * The client's bulk server (see {@link BulkStream}), opened on first use: it serves the encoded values the
 * client pushes under random tokens until released or expired, and takes the values engines upload under
 * the client's upload offer, verifying each one's digest as it arrives. Unknown tokens are refused at once;
 * nothing is read from a stranger beyond its opening.
 * <p>
 * The upload offer is one token for the client's life, which every request whose reply may carry values
 * names: a token per request (random bytes, a URI written out, put in and taken out of a map) was a tenth of
 * a client's own time in a load-balanced map of tiny tasks, and nearly every reply is too small to be
 * uploaded. An upload is taken when the reply naming it arrives ({@link #take}), dropped by
 * {@link #discard} when that reply is not wanted, and otherwise after the ttl.
 */
public final class BulkServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BulkServer.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int SOCKET_BUFFER = 1 << 20;

	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final MessageSigner signer;

	private final BulkSettings settings;

	private final int maxBytes;

	private final String brokerHost;

	private final InboundMessages inbound;

	private final Map<String, Served> served = new ConcurrentHashMap<>();

	/** The client's upload offer, made on first use. */
	private volatile BulkReference offer;

	private final Map<String, Uploaded> uploads = new ConcurrentHashMap<>();

	private final AtomicInteger threads = new AtomicInteger();

	/** When expired values and uploads are next looked for (System.nanoTime()). */
	private final AtomicLong nextSweep = new AtomicLong(System.nanoTime());

	private ServerSocket socket;

	private ExecutorService connections;

	private String host;

	private volatile boolean closed;

	/**
	 * @param signer signs and verifies values with the cluster key
	 * @param settings where to listen and for how long to wait
	 * @param maxBytes the largest value accepted from an engine
	 * @param brokerHost the broker's host, to work out the address engines can reach
	 * @param inbound where rejected uploads are counted
	 */
	public BulkServer(MessageSigner signer, BulkSettings settings, int maxBytes, String brokerHost,
			InboundMessages inbound) {
		this.signer = signer;
		this.settings = settings;
		this.maxBytes = maxBytes;
		this.brokerHost = brokerHost;
		this.inbound = inbound;
	}

	/** Serves {@code bytes} until {@link #release(String)} or the ttl; where engines fetch them. */
	public BulkReference serve(byte[] bytes) {
		expire();
		String token = token();
		this.served.put(token, new Served(bytes, null, deadline()));
		return new BulkReference(host(), port(), token, bytes.length, null);
	}

	/**
	 * Serves a primitive array's encoding (see {@link ValueCodec#arrayEncoder}) like {@link #serve(byte[])}: the
	 * same bytes and digest, produced slice by slice for each engine that fetches it.
	 */
	public BulkReference serveArray(Object array) {
		ArrayStreamEncoder encoder = ValueCodec.arrayEncoder(array);
		if (encoder == null) {
			throw new IllegalArgumentException("Not a primitive array: " + array.getClass().getName());
		}
		expire();
		String token = token();
		this.served.put(token, new Served(null, array, deadline()));
		return new BulkReference(host(), port(), token, encoder.size(), null);
	}

	/** The client's upload offer: engines upload large reply values under it while the client is open. */
	public synchronized BulkReference offerUpload() {
		if (this.offer == null) {
			this.offer = new BulkReference(host(), port(), token(), -1, null);
		}
		return this.offer;
	}

	/** Stops serving a value. */
	public void release(String token) {
		this.served.remove(token);
	}

	/** Drops a value uploaded under {@code transferToken} that will not be taken (its reply is not wanted). */
	public void discard(String transferToken) {
		this.uploads.remove(transferToken);
	}

	/**
	 * What an engine uploaded under {@code transferToken}, verified, if its size and digest are what the
	 * engine's signed reply says: a primitive array decoded as it arrived, or the bytes of any other value.
	 * @throws BulkTransferException if it did not arrive, or differs
	 */
	public BulkStream.Received take(BulkReference reference) throws BulkTransferException {
		Uploaded upload = this.uploads.remove(reference.token());
		if (upload == null) {
			throw new BulkTransferException("the engine's reply names a value of " + reference.size()
					+ " bytes uploaded to this client that did not arrive (token " + reference.token() + ")", null);
		}
		if (upload.received().size() != reference.size() || !Arrays.equals(upload.received().hmac(), reference.hmac())) {
			throw new BulkTransferException(Reason.BAD_SIGNATURE, "the value uploaded under " + reference.token()
					+ " (" + upload.received().size() + " bytes) is not the one the engine's reply names ("
					+ reference.size() + " bytes, hmac " + reference.hmacHex() + ")");
		}
		return upload.received();
	}

	/** Values served, and values uploaded and not yet taken, now. */
	public int open() {
		return this.served.size() + this.uploads.size();
	}

	private static String token() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A second, or the ttl if shorter. */
	private long sweepInterval() {
		return Math.min(SWEEP_INTERVAL_NANOS, this.settings.ttl().toNanos());
	}

	private long deadline() {
		return System.nanoTime() + this.settings.ttl().toNanos();
	}

	/**
	 * Drops expired values and uploads, at most once per {@link #sweepInterval()}: sweeping on every value served
	 * walked every open one, thousands while a client has as many tasks out. Deadlines are checked on every
	 * fetch as well, so an expired token is refused before it is swept.
	 */
	private void expire() {
		long now = System.nanoTime();
		long next = this.nextSweep.get();
		if (now - next < 0 || !this.nextSweep.compareAndSet(next, now + sweepInterval())) {
			return;
		}
		this.served.values().removeIf(one -> now - one.deadline() > 0);
		this.uploads.values().removeIf(one -> now - one.deadline() > 0);
	}

	private synchronized String host() {
		start();
		return this.host;
	}

	private synchronized int port() {
		start();
		return this.socket.getLocalPort();
	}

	private synchronized void start() {
		if (this.socket != null) {
			return;
		}
		if (this.closed) {
			throw new IllegalStateException("The client is closed");
		}
		try {
			this.host = (this.settings.host() != null) ? this.settings.host() : reachableHost(this.brokerHost);
			InetAddress advertised = InetAddress.getByName(this.host);
			InetAddress bind = (this.settings.bind() != null) ? InetAddress.getByName(this.settings.bind())
					: advertised.isLoopbackAddress() ? advertised : null;
			ServerSocket server = new ServerSocket();
			server.setReceiveBufferSize(SOCKET_BUFFER);
			server.bind(new InetSocketAddress(bind, this.settings.port()), 50);
			this.socket = server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot open the bulk data server (jparallel.bulk.bind/port): "
					+ ex.getMessage() + "; set jparallel.bulk.threshold=0 to send values through the broker", ex);
		}
		this.connections = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "jparallel-bulk-" + this.threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		Thread acceptor = new Thread(this::accept, "jparallel-bulk-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		logger.debug("Bulk data server on " + this.socket.getLocalSocketAddress() + ", reached at " + this.host);
	}

	/** 127.0.0.1 for a broker on this machine, else the local address of the route to the broker. */
	static String reachableHost(String brokerHost) throws IOException {
		InetAddress broker = InetAddress.getByName(brokerHost);
		if (broker.isLoopbackAddress()) {
			return InetAddress.getLoopbackAddress().getHostAddress();
		}
		try (DatagramSocket probe = new DatagramSocket()) {
			// connecting a datagram socket sends nothing: it only picks the route
			probe.connect(broker, 9);
			InetAddress local = probe.getLocalAddress();
			return (local != null && !local.isAnyLocalAddress()) ? local.getHostAddress()
					: InetAddress.getLocalHost().getHostAddress();
		}
	}

	private void accept() {
		ServerSocket server = this.socket;
		while (!this.closed) {
			try {
				Socket connection = server.accept();
				this.connections.execute(() -> handle(connection));
			}
			catch (IOException ex) {
				if (!this.closed) {
					logger.warn("Bulk data server: " + ex.getMessage());
				}
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				return;
			}
		}
	}

	private void handle(Socket connection) {
		String peer = String.valueOf(connection.getRemoteSocketAddress());
		try (connection) {
			connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, this.settings.timeout().toMillis()));
			connection.setTcpNoDelay(true);
			connection.setSendBufferSize(SOCKET_BUFFER);
			DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream(), 1 << 16));
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(connection.getOutputStream(), 1 << 16));
			byte[] magic = new byte[BulkStream.MAGIC.length];
			in.readFully(magic);
			if (!Arrays.equals(magic, BulkStream.MAGIC)) {
				this.inbound.reject(Reason.MALFORMED, "bulk server " + peer, "not a bulk transfer");
				return;
			}
			int operation = in.read();
			String token = in.readUTF();
			if (operation == BulkStream.GET) {
				get(token, out, peer);
			}
			else if (operation == BulkStream.PUT) {
				put(token, in, out, peer);
			}
			else {
				BulkStream.refuse(out, "unknown operation " + operation);
			}
		}
		catch (SocketException | java.io.EOFException | java.net.SocketTimeoutException ex) {
			logger.debug("Bulk transfer with " + peer + " broke off: " + ex);
		}
		catch (IOException ex) {
			logger.warn("Bulk transfer with " + peer + " failed: " + ex.getMessage());
		}
	}

	private void get(String token, DataOutputStream out, String peer) throws IOException {
		Served value = this.served.get(token);
		if (value == null || System.nanoTime() - value.deadline() > 0) {
			BulkStream.refuse(out, "no value is served under token " + token + " (expired after "
					+ this.settings.ttl().toSeconds() + " s, or its request was answered)");
			return;
		}
		out.writeByte(BulkStream.OK);
		if (value.array() != null) {
			ArrayStreamEncoder encoder = ValueCodec.arrayEncoder(value.array());
			out.writeLong(encoder.size());
			BulkStream.writeSigned(out, this.signer, token, encoder);
			logger.debug("Served " + encoder.size() + " bytes, encoded as sent, to " + peer);
			return;
		}
		out.writeLong(value.bytes().length);
		BulkStream.writeSigned(out, this.signer, token, value.bytes());
		logger.debug("Served " + value.bytes().length + " bytes to " + peer);
	}

	private void put(String offered, DataInputStream in, DataOutputStream out, String peer) throws IOException {
		String transfer = in.readUTF();
		long size = in.readLong();
		BulkReference own = this.offer;
		if (own == null || !own.token().equals(offered)) {
			BulkStream.refuse(out, "no upload is expected under token " + offered);
			return;
		}
		if (size < 0 || size > this.maxBytes || !transfer.matches("[A-Za-z0-9_-]{16,64}")) {
			String detail = "an upload of " + size + " bytes (the limit is " + this.maxBytes + ")";
			this.inbound.reject(Reason.OVERSIZED, "bulk server " + peer, detail);
			BulkStream.refuse(out, Reason.OVERSIZED + ": " + detail);
			return;
		}
		out.writeByte(BulkStream.OK);
		out.flush();
		try {
			BulkStream.Received received = BulkStream.readSignedValue(in, this.signer, transfer, size);
			expire();
			this.uploads.put(transfer, new Uploaded(received, deadline()));
			out.writeByte(BulkStream.OK);
			out.flush();
		}
		catch (BulkTransferException ex) {
			this.inbound.reject(ex.rejected(), "bulk server " + peer, ex.getMessage());
			BulkStream.refuse(out, ex.getMessage());
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.connections.shutdownNow();
		}
		this.served.clear();
		this.uploads.clear();
	}

	/** A value served: its encoded bytes, or a primitive array encoded as it is sent. */
	private record Served(byte[] bytes, Object array, long deadline) {
	}

	/** A value an engine uploaded, kept until its reply takes it or {@code deadline} (System.nanoTime()). */
	private record Uploaded(BulkStream.Received received, long deadline) {
	}

}
