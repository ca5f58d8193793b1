package io.jparallel.scheduler.routing;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.amqp.InboundMeters;
import io.jparallel.scheduler.engines.EngineDirectory;
import io.jparallel.scheduler.tasks.TaskScheduler;

/**
 * The scheduler's counts as meters, read at each scrape from what {@code /actuator/jparallel} shows (nothing
 * added on the request path). In Prometheus:
 * <ul>
 * <li>{@code jparallel_scheduler_requests_total{route}}: requests routed, {@code route} = {@code direct},
 * {@code load_balanced}, {@code broadcast}, {@code control}, or {@code unplaceable} (refused);</li>
 * <li>{@code jparallel_scheduler_tasks_total{event, scheme}}: load-balanced tasks of the task scheduler,
 * {@code event} = {@code submitted}, {@code placed}, {@code completed}, {@code failed}, {@code retried},
 * {@code impossible}, {@code timed_out}, {@code aborted}, {@code lost_with_engine} (all zero under the
 * {@code pure} scheme, whose tasks go to the shared queue);</li>
 * <li>{@code jparallel_scheduler_tasks_held{scheme}}: tasks it holds now (waiting, or placed and not done);</li>
 * <li>{@code jparallel_scheduler_engines}: engines it places work on;</li>
 * <li>{@code jparallel_messages_accepted_total}, {@code jparallel_messages_rejected_total{reason}}.</li>
 * </ul>
 */
@Component
public class SchedulerMeters {

	private static final List<String> ROUTES = List.of("direct", "loadBalanced", "broadcast", "control",
			"unplaceable");

	private static final List<String> TASK_EVENTS = List.of("submitted", "placed", "completed", "failed", "retried",
			"impossible", "timedOut", "aborted", "lostWithEngine");

	private final RequestRouter router;

	private final TaskScheduler tasks;

	private final EngineDirectory engines;

	private final ClusterConnection cluster;

	public SchedulerMeters(RequestRouter router, TaskScheduler tasks, EngineDirectory engines,
			ClusterConnection cluster, MeterRegistry registry) {
		this.router = router;
		this.tasks = tasks;
		this.engines = engines;
		this.cluster = cluster;
		bindTo(registry);
	}

	private void bindTo(MeterRegistry registry) {
		for (String route : ROUTES) {
			FunctionCounter
				.builder("jparallel.scheduler.requests", this.router,
						router -> router.counts().getOrDefault(route, 0L))
				.description("Requests the scheduler routed, by route; unplaceable ones were refused")
				.tag("route", snakeCase(route))
				.register(registry);
		}
		String scheme = this.tasks.scheme().label();
		for (String event : TASK_EVENTS) {
			FunctionCounter.builder("jparallel.scheduler.tasks", this.tasks, tasks -> count(tasks, event))
				.description("Load-balanced tasks of the task scheduler, by what happened to them")
				.tag("event", snakeCase(event))
				.tag("scheme", scheme)
				.register(registry);
		}
		Gauge.builder("jparallel.scheduler.tasks.held", this.tasks, tasks -> count(tasks, "held"))
			.description("Load-balanced tasks the scheduler holds: waiting, or placed and not done")
			.tag("scheme", scheme)
			.register(registry);
		Gauge.builder("jparallel.scheduler.engines", this.engines, EngineDirectory::size)
			.description("Engines the scheduler places work on")
			.register(registry);
		new InboundMeters(this.cluster.inbound()).bindTo(registry);
	}

	private static double count(TaskScheduler tasks, String name) {
		Object count = tasks.counts().get(name);
		return (count instanceof Number number) ? number.doubleValue() : 0;
	}

	static String snakeCase(String camel) {
		return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
	}

}
