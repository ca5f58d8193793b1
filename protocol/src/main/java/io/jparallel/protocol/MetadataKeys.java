package io.jparallel.protocol;

/** Metadata and content keys shared between services. */
public final class MetadataKeys {

	/** Request metadata: comma-separated engine ids a direct request goes to. */
	public static final String TARGETS = "targets";
	/** Request metadata: the engine id a direct request goes to (one per message). */
	public static final String TARGET = "target";
	/** Request metadata: {@code mux} or {@code task}. */
	public static final String ROUTE = "route";
	public static final String ROUTE_MUX = "mux";
	public static final String ROUTE_TASK = "task";
	/**
	 * One request the scheduler copies to every engine named in {@link #TARGETS}; each engine's reply
	 * carries the request's id as parent and its own {@link #ENGINE_ID}.
	 */
	public static final String ROUTE_BROADCAST = "broadcast";
	/**
	 * A control request (abort, shutdown) for the engine in {@link #TARGET}: it goes to the engine's
	 * control queue, served apart from (and so ahead of) its queued work.
	 */
	public static final String ROUTE_CONTROL = "control";
	/** Request metadata: the queue a client serves its classes from. */
	public static final String CLASS_QUEUE = "class_queue";

	/** Reply metadata: the id of the engine that ran the request. */
	public static final String ENGINE_ID = "engine_id";
	/** Reply metadata: the engine's uuid. */
	public static final String ENGINE_UUID = "engine_uuid";
	/** Reply metadata: when the engine started and completed the request (ISO-8601). */
	public static final String STARTED = "started";
	public static final String COMPLETED = "completed";
	/** Reply metadata: how many {@code execute_request}s the engine had run when it answered. */
	public static final String EXECUTION_COUNT = "execution_count";
	/** Content of an abort request: comma-separated msg ids. */
	public static final String MSG_IDS = "msg_ids";
	/** Content of an abort reply: the ids that will not run, and those the engine had already run. */
	public static final String ABORTED = "aborted";
	public static final String ALREADY_DONE = "already_done";
	/** Error name of a reply to a request that was aborted before it ran. */
	public static final String TASK_ABORTED = "TaskAborted";
	/** Content of an add_classpath request: the jar's file name and its SHA-256 (hex). */
	public static final String JAR_NAME = "name";
	public static final String JAR_SHA256 = "sha256";
	/** Content of an add_classpath reply: where the engine stored the jar. */
	public static final String JAR_PATH = "path";
	/** Error name of a request whose engine left the cluster (shut down or died) before answering it. */
	public static final String ENGINE_ERROR = "EngineError";

	/** Reply content: {@code ok} or {@code error}. */
	public static final String STATUS = "status";
	public static final String STATUS_OK = "ok";
	public static final String STATUS_ERROR = "error";
	/** Reply content of an error: exception class, message and remote stack trace. */
	public static final String ENAME = "ename";
	public static final String EVALUE = "evalue";
	public static final String TRACEBACK = "traceback";
	/** Reply content: what the request printed. */
	public static final String STDOUT = "stdout";
	public static final String STDERR = "stderr";

	private MetadataKeys() {
	}

}
