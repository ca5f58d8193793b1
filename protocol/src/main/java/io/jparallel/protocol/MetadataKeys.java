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
	/**
	 * Requests the scheduler answers itself: {@code queue_status_request}, and {@code abort_request}
	 * for load-balanced tasks (which the scheduler holds, or forwards to the engine it placed them on).
	 */
	public static final String ROUTE_SCHEDULER = "scheduler";
	/**
	 * Task metadata: time dependencies, comma-separated; each is a msg id the scheduler knows, or
	 * {@code msgId:ok:<engineId>} / {@code msgId:error:<engineId>} for a request the client knows has
	 * finished (see {@code io.jparallel.protocol.tasks.Dependencies}).
	 */
	public static final String AFTER = "after";
	/** Task metadata: location dependencies (run where these ran), as {@link #AFTER}. */
	public static final String FOLLOW = "follow";
	/**
	 * Task metadata: how {@link #AFTER} / {@link #FOLLOW} are met, comma-separated: {@code all} or
	 * {@code any}, and {@code success} and/or {@code failure}; default {@code all,success}.
	 */
	public static final String AFTER_MODE = "after_mode";
	public static final String FOLLOW_MODE = "follow_mode";
	/** Task metadata: seconds the task may wait to start (dependencies, engines); then it fails. */
	public static final String TIMEOUT = "timeout";
	/** Task metadata: how many times the scheduler resubmits the task after it fails (elsewhere). */
	public static final String RETRIES = "retries";
	/** Task metadata: a free label, shown in the scheduler's queue status and logs. */
	public static final String LABEL = "label";
	/**
	 * Task metadata: predicates on engine properties, separated by {@code ;} (see
	 * {@code io.jparallel.protocol.tasks.Requirement}); only engines meeting all may run the task.
	 */
	public static final String REQUIRE = "require";
	/** Request metadata {@code "true"}: a fresh namespace before, and after, the request runs. */
	public static final String CLEAR_BEFORE = "clear_before";
	public static final String CLEAR_AFTER = "clear_after";
	/** Content of an abort request {@code "true"}: also stop the named request if it is running. */
	public static final String CANCEL = "cancel";
	/**
	 * Content: the buffers that travel over the bulk path ({@code io.jparallel.protocol.bulk}), as
	 * {@code index=bulk://host:port/token?size=N[&hmac=hex]}, comma-separated; those buffers are placeholders.
	 */
	public static final String BULK = "bulk";
	/** Content of a reply: what an engine fetched over the bulk path, {@code index=size:hmac}, comma-separated. */
	public static final String BULK_RECEIVED = "bulk_received";
	/**
	 * Request metadata: where the engine may upload values of its reply of at least {@link #BULK_MIN} bytes
	 * ({@code bulk://host:port/token?size=-1}); it falls back to the broker if it cannot.
	 */
	public static final String BULK_UPLOAD = "bulk_upload";
	/** Request metadata: the smallest reply value, in encoded bytes, worth uploading over the bulk path. */
	public static final String BULK_MIN = "bulk_min";
	/** Content of an execute request: names of values (buffers, in order) pushed before the code runs. */
	public static final String PUSH_NAMES = "push_names";
	/** Content of an execute request: names pulled after the code ran, returned as reply buffers in order. */
	public static final String PULL_NAMES = "pull_names";
	/**
	 * Content of an {@code apply_request}: the static fields its function reads that the engine must set
	 * first (JShell top-level variables: {@code REPL.$JShell$7.k}), comma-separated; their values are the
	 * buffers right after the function, one per name, before the arguments (see
	 * {@code io.jparallel.protocol.function.ApplyPayload}).
	 */
	public static final String GLOBALS = "globals";
	/** Content: an engine's properties as a JSON object of strings. */
	public static final String PROPERTIES = "properties";
	/** Content of a properties request: the keys to set, as a JSON object (a null value removes the key). */
	public static final String SET = "set";
	/** Content of {@code task_done}: {@code msgId:ok} / {@code msgId:error}, comma-separated. */
	public static final String RESULTS = "results";
	/** Content of a queue status request {@code "true"}: list task ids, not only counts. */
	public static final String VERBOSE = "verbose";
	/** Content of a queue status reply: JSON (see the scheduler's {@code QueueStatus}). */
	public static final String QUEUE_STATUS = "queue_status";
	/** Error name: a task whose dependencies can never be met (or that no engine can ever run). */
	public static final String IMPOSSIBLE_DEPENDENCY = "ImpossibleDependency";
	/** Error name: a task whose {@link #TIMEOUT} passed while it waited for its dependencies. */
	public static final String DEPENDENCY_TIMEOUT = "DependencyTimeout";
	/** Error name: a task whose {@link #TIMEOUT} passed while it waited for an engine. */
	public static final String TASK_TIMEOUT = "TaskTimeout";
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

	/**
	 * Metadata of a request the hub published again ({@code resubmit_request}): the id of the request it
	 * repeats; and content of a {@code resubmit_reply}: the old ids that were published again.
	 */
	public static final String RESUBMITTED = "resubmitted";
	/** Content of a hub query ({@code db_query_request}): the query, a JSON object. */
	public static final String QUERY = "query";
	/** Content of a {@code db_query_request}: the fields to return, comma-separated. */
	public static final String KEYS = "keys";
	/** Content of a {@code db_query_reply}: the records, a JSON array. */
	public static final String RECORDS = "records";
	/** Content of a {@code db_query_reply} {@code "true"}: more records matched than were returned. */
	public static final String TRUNCATED = "truncated";
	/** Content of a {@code get_result_reply}: ids whose replies are its buffers, in order (comma-separated). */
	public static final String FOUND = "found";
	/** Content of hub query replies: ids known but not answered yet, and ids the hub never recorded. */
	public static final String PENDING = "pending";
	public static final String UNKNOWN = "unknown";
	/* A result_status_reply lists ids answered under COMPLETED ("completed"). */
	/** Content of a {@code get_result_reply}: ids answered, held, but left for another request (size). */
	public static final String MORE = "more";
	/** Content of a {@code get_result_reply}: ids answered whose reply the hub did not keep. */
	public static final String MISSING = "missing";
	/** Content of a {@code purge_results_request} {@code "true"}: every finished record. */
	public static final String ALL = "all";
	/** Content of a {@code purge_results_reply}: how many records were deleted. */
	public static final String PURGED = "purged";

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
