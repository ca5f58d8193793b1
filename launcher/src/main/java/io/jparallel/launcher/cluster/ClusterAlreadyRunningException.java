package io.jparallel.launcher.cluster;

/** {@code start} was refused because processes of the profile still run; stop them first. */
public class ClusterAlreadyRunningException extends ClusterStartException {

	private static final long serialVersionUID = 1L;

	public ClusterAlreadyRunningException(String message) {
		super(message);
	}

}
