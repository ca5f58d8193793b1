package io.jparallel.protocol.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback TCP ports. A port is found free (bound and released again), so another process could take
 * it before we bind it for real; processes we start on it then fail fast and visibly, which is the accepted
 * cost of letting every service own its listening socket.
 * <p>
 * Ports are picked outside the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}),
 * from which it hands out the local port of every outgoing connection and of every bind to port 0. A port
 * from that range (what binding to port 0 gives) could be taken by any connection opened meanwhile: a
 * cluster's JVMs and its broker open hundreds while they start, and one start in some twenty on the
 * benchmark's machine failed with "Port 36953 was already in use" for its hub. Outside the range, only a
 * process binding that very port can take it.
 * Where the range cannot be read, the kernel picks (port 0).
 */
public final class FreePorts {

	/** Where Linux tells its ephemeral port range. */
	static final Path EPHEMERAL_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	/** The lowest port picked: below it lie the well-known and the commonly configured ones. */
	static final int LOWEST = 10_000;

	/** Ports tried outside the ephemeral range before leaving the rest to the kernel. */
	private static final int MAX_TRIES = 200;

	private FreePorts() {
	}

	/** One free port on 127.0.0.1. */
	public static int pick() {
		return pick(1)[0];
	}

	/**
	 * {@code count} distinct free ports. All sockets are held open until every port is known, so the
	 * kernel cannot hand out the same port twice.
	 */
	public static int[] pick(int count) {
		return pick(count, EphemeralRange.read(EPHEMERAL_RANGE_FILE), ThreadLocalRandom.current());
	}

	/** {@code count} distinct free ports outside {@code ephemeral} (the kernel's choice when it is null). */
	static int[] pick(int count, EphemeralRange ephemeral, Random random) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			Set<Integer> ports = new LinkedHashSet<>();
			int candidates = (ephemeral != null) ? ephemeral.portsOutside() : 0;
			for (int tried = 0; ports.size() < count && candidates > 0 && tried < MAX_TRIES; tried++) {
				int port = ephemeral.outsidePort(random.nextInt(candidates));
				if (!ports.contains(port)) {
					ServerSocket socket = bindOrNull(port);
					if (socket != null) {
						sockets.add(socket);
						ports.add(port);
					}
				}
			}
			while (ports.size() < count) {
				ServerSocket socket = bind(0);
				sockets.add(socket);
				ports.add(socket.getLocalPort());
			}
			return ports.stream().mapToInt(Integer::intValue).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free TCP port", ex);
		}
		finally {
			sockets.forEach(FreePorts::closeQuietly);
		}
	}

	private static ServerSocket bindOrNull(int port) {
		try {
			return bind(port);
		}
		catch (IOException ex) {
			return null; // taken: try another
		}
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		try {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return socket;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw ex;
		}
	}

	/** Whether something accepts TCP connections on 127.0.0.1 at this port. */
	public static boolean isListening(int port) {
		return isListening(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
	}

	/** Whether something accepts a TCP connection at {@code address} within {@code timeoutMillis}. */
	public static boolean isListening(InetSocketAddress address, int timeoutMillis) {
		try (Socket socket = new Socket()) {
			socket.connect(address, timeoutMillis);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// nothing was bound, nothing to release
			}
		}
	}

	/**
	 * The kernel's ephemeral port range, {@code low} to {@code high} inclusive, and the ports from
	 * {@link #LOWEST} to 65535 outside it, counted below it first.
	 */
	record EphemeralRange(int low, int high) {

		/** The range in {@code file} ("32768	60999"), or null where there is none or it cannot be read. */
		static EphemeralRange read(Path file) {
			// read line-wise: Files.readString trusts the size /proc reports and returned "3" for "32768	60999"
			try (BufferedReader reader = Files.newBufferedReader(file)) {
				String line = reader.readLine();
				String[] fields = (line != null) ? line.trim().split("\\s+") : new String[0];
				return (fields.length == 2) ? new EphemeralRange(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]))
						: null;
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		int portsOutside() {
			return below() + above();
		}

		/** The {@code index}-th port outside the range, {@code 0 <= index < portsOutside()}. */
		int outsidePort(int index) {
			return (index < below()) ? LOWEST + index : firstAbove() + (index - below());
		}

		private int below() {
			return Math.max(0, Math.min(this.low, 65536) - LOWEST);
		}

		private int firstAbove() {
			return Math.max(this.high + 1, LOWEST);
		}

		private int above() {
			return Math.max(0, 65536 - firstAbove());
		}

	}

}
