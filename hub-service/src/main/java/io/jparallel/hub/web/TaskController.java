package io.jparallel.hub.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.jparallel.hub.query.InvalidQueryException;
import io.jparallel.hub.query.Purger;
import io.jparallel.hub.query.QueryParser;
import io.jparallel.hub.query.QueryResult;
import io.jparallel.hub.query.Resubmitter;
import io.jparallel.hub.query.TaskQueries;
import io.jparallel.protocol.MessageIds;

/**
 * The audit for operators. Reading is open; writing (resubmit, purge) needs the admin user.
 * <ul>
 * <li>{@code GET /tasks?limit=100}: the most recently recorded tasks;</li>
 * <li>{@code GET /tasks?query={"engine_id":{"$in":[0,1]}}&keys=msgId,status&limit=N}: a query, as
 * {@code db_query}, every field by its record name (header {@value #TRUNCATED_HEADER} {@code true} if more
 * matched than were returned; a bad query is 400 with the reason);</li>
 * <li>{@code GET /tasks/history}: every request's msg id, in submission order;</li>
 * <li>{@code GET /tasks/{msgId}}: one task;</li>
 * <li>{@code POST /tasks/resubmit} {@code {"msgIds":[...], "session":"..."}}: publishes the requests again
 * under new ids, for {@code session} (default: each request's own); answers {@code resubmitted} (old to
 * new id) and {@code unknown};</li>
 * <li>{@code DELETE /tasks?msgIds=a,b}, {@code ?engineIds=0,1} or {@code ?all=true}: purges finished
 * records; answers {@code purged}.</li>
 * </ul>
 */
@RestController
public class TaskController {

	static final String TRUNCATED_HEADER = "X-JParallel-Truncated";

	private static final int MAX_LIMIT = TaskQueries.MAX_RECORDS;

	private static final int DEFAULT_RECENT = 100;

	private final TaskQueries tasks;

	private final Resubmitter resubmitter;

	private final Purger purger;

	public TaskController(TaskQueries tasks, Resubmitter resubmitter, Purger purger) {
		this.tasks = tasks;
		this.resubmitter = resubmitter;
		this.purger = purger;
	}

	@GetMapping("/tasks")
	public ResponseEntity<?> tasks(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String query, @RequestParam(required = false) String keys) {
		if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1-" + MAX_LIMIT + ", was " + limit);
		}
		if (query == null && keys == null) {
			return ResponseEntity.ok(this.tasks.recent((limit != null) ? limit : DEFAULT_RECENT).stream()
				.map(TaskView::of)
				.toList());
		}
		QueryResult result = this.tasks.find(QueryParser.parse(query), QueryParser.keys(keys),
				(limit != null) ? limit : MAX_LIMIT);
		return ResponseEntity.ok().header(TRUNCATED_HEADER, String.valueOf(result.truncated())).body(result.records());
	}

	@GetMapping("/tasks/history")
	public List<String> history() {
		return this.tasks.history();
	}

	@GetMapping("/tasks/{msgId}")
	public TaskView task(@PathVariable String msgId) {
		return this.tasks.record(msgId)
			.or(() -> this.tasks.records(msgId).stream().findFirst())
			.map(TaskView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No task with request id " + msgId));
	}

	/**
	 * The body of {@code POST /tasks/resubmit}.
	 *
	 * @param msgIds the requests to publish again
	 * @param session the session their replies go to; {@code null}: each request's own
	 */
	public record ResubmitRequest(List<String> msgIds, String session) {
	}

	@PostMapping("/tasks/resubmit")
	public Map<String, Object> resubmit(@RequestBody ResubmitRequest request) {
		if (request.msgIds() == null || request.msgIds().isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "resubmit needs msgIds");
		}
		Map<String, String> oldToNew = new LinkedHashMap<>();
		request.msgIds().forEach(oldId -> oldToNew.put(oldId, MessageIds.next()));
		Resubmitter.Resubmission done = this.resubmitter.resubmit(oldToNew, blankToNull(request.session()), null, null);
		return Map.of("resubmitted", done.resubmitted(), "unknown", done.unknown());
	}

	@DeleteMapping("/tasks")
	public Map<String, Object> purge(@RequestParam(required = false) List<String> msgIds,
			@RequestParam(required = false) List<Integer> engineIds, @RequestParam(defaultValue = "false") boolean all) {
		Purger.Target target = new Purger.Target(all, (msgIds != null) ? msgIds : List.of(),
				(engineIds != null) ? new ArrayList<>(engineIds) : List.of());
		return Map.of("purged", this.purger.purge(target));
	}

	@ExceptionHandler(InvalidQueryException.class)
	ResponseEntity<Map<String, String>> invalid(InvalidQueryException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", InvalidQueryException.ENAME, "message", String.valueOf(ex.getMessage())));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
