package io.jparallel.launcher.cluster;

/** A cluster could not be started; the message says why and, where it helps, shows a service's log. */
public class ClusterStartException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ClusterStartException(String message) {
		super(message);
	}

	public ClusterStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
