package io.jparallel.protocol.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Free loopback TCP ports. A port is asked from the kernel (bind to port 0) and released again, so
 * another process could take it before we bind it for real; processes we start on it then fail fast
 * and visibly, which is the accepted cost of letting every service own its listening socket.
 */
public final class FreePorts {

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
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		ServerSocket[] sockets = new ServerSocket[count];
		try {
			Set<Integer> ports = new LinkedHashSet<>();
			for (int i = 0; i < count; i++) {
				sockets[i] = new ServerSocket();
				sockets[i].setReuseAddress(false);
				sockets[i].bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
				ports.add(sockets[i].getLocalPort());
			}
			return ports.stream().mapToInt(Integer::intValue).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free TCP port", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				closeQuietly(socket);
			}
		}
	}

	/** Whether something accepts TCP connections on 127.0.0.1 at this port. */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
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

}
