package io.jparallel.hub.web;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.jparallel.hub.audit.TaskRepository;

/** {@code GET /tasks}: the audit's most recent tasks; {@code GET /tasks/{msgId}}: one task. */
@RestController
public class TaskController {

	private static final int MAX_LIMIT = 10_000;

	private final TaskRepository tasks;

	public TaskController(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/tasks")
	public List<TaskView> recent(@RequestParam(defaultValue = "100") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1-" + MAX_LIMIT + ", was " + limit);
		}
		return this.tasks.findAllByOrderByRecordedAtDescMsgIdAsc(Limit.of(limit)).stream().map(TaskView::of).toList();
	}

	@GetMapping("/tasks/{msgId}")
	public TaskView task(@PathVariable String msgId) {
		return this.tasks.findById(msgId)
			.map(TaskView::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No task with request id " + msgId));
	}

}
