package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The raw results as JSON: reads the line the Python script prints, and writes
 * {@code docs/benchmarks/results.json}, which {@code bench/chart.py} draws the chart from. Missing figures
 * are {@code null}, never NaN (not valid JSON).
 */
public final class ResultsJson {

	private ResultsJson() {
	}

	/**
	 * The Python script's JSON object: metrics, errors, rss_idle, rss_load, pss_idle, pss_load (bytes by
	 * process), cpu_start (CPU-seconds by process), versions.
	 */
	public static SystemResults parseSystem(String json) {
		JsonObject root = JsonParser.parseString(json).getAsJsonObject();
		Map<String, Double> metrics = new LinkedHashMap<>();
		object(root, "metrics").entrySet().forEach(e -> {
			if (!e.getValue().isJsonNull()) {
				metrics.put(e.getKey(), e.getValue().getAsDouble());
			}
		});
		return new SystemResults(root.has("system") ? root.get("system").getAsString() : "ipyparallel", metrics,
				strings(object(root, "errors")), longs(object(root, "rss_idle")), longs(object(root, "rss_load")),
				longs(object(root, "pss_idle")), longs(object(root, "pss_load")), doubles(object(root, "cpu_start")),
				strings(object(root, "versions")));
	}

	public static String write(RunInfo run, List<ReportRow> rows, SystemResults jp, SystemResults ipp,
			BrokerResults broker) {
		JsonObject root = new JsonObject();
		root.addProperty("date", run.date());
		root.addProperty("command", run.command());
		root.add("duration_s", number(run.durationSeconds()));
		root.addProperty("engines", run.engines());
		root.addProperty("quick", run.quick());
		JsonObject counts = new JsonObject();
		Counts c = run.counts();
		counts.addProperty("warmup", c.warmup());
		counts.addProperty("round_trips", c.roundTrips());
		counts.addProperty("lb_tasks", c.lbTasks());
		counts.addProperty("map1_items", c.map1Items());
		counts.addProperty("map_chunked_items", c.mapChunkedItems());
		counts.addProperty("chunksize", c.chunksize());
		counts.addProperty("push_mb", c.pushMb());
		counts.addProperty("execute_warmup", c.executeWarmup());
		counts.addProperty("execute_reps", c.executeReps());
		root.add("counts", counts);
		JsonObject machine = new JsonObject();
		machine.addProperty("nproc", run.machine().cpus());
		machine.addProperty("cpu", run.machine().cpuModel());
		machine.addProperty("memory_bytes", run.machine().memoryBytes());
		machine.addProperty("kernel", run.machine().kernel());
		root.add("machine", machine);
		root.add("versions", stringMap(run.versions()));
		root.add("jparallel", system(jp));
		root.add("ipyparallel", system(ipp));
		root.add("broker", broker(broker));
		com.google.gson.JsonArray comparison = new com.google.gson.JsonArray();
		for (ReportRow row : rows) {
			JsonObject r = new JsonObject();
			r.addProperty("key", row.key());
			r.addProperty("label", row.label());
			r.addProperty("unit", row.unit());
			r.add("jparallel", number(row.jparallel()));
			r.add("ipyparallel", number(row.ipyparallel()));
			r.add("ratio", number(row.ratio()));
			r.addProperty("better", row.better());
			r.addProperty("target", row.target());
			r.addProperty("status", row.status().name().toLowerCase(java.util.Locale.ROOT));
			r.addProperty("note", row.note());
			comparison.add(r);
		}
		root.add("comparison", comparison);
		return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
	}

	private static JsonObject system(SystemResults results) {
		JsonObject o = new JsonObject();
		JsonObject metrics = new JsonObject();
		results.metrics().forEach((k, v) -> metrics.add(k, number(v)));
		o.add("metrics", metrics);
		o.add("errors", stringMap(results.errors()));
		JsonObject idle = new JsonObject();
		results.rssIdle().forEach(idle::addProperty);
		o.add("rss_idle_bytes", idle);
		JsonObject load = new JsonObject();
		results.rssLoad().forEach(load::addProperty);
		o.add("rss_load_bytes", load);
		JsonObject pssIdle = new JsonObject();
		results.pssIdle().forEach(pssIdle::addProperty);
		o.add("pss_idle_bytes", pssIdle);
		JsonObject pssLoad = new JsonObject();
		results.pssLoad().forEach(pssLoad::addProperty);
		o.add("pss_load_bytes", pssLoad);
		JsonObject cpu = new JsonObject();
		results.cpuStart().forEach((k, v) -> cpu.add(k, number(v)));
		o.add("cpu_start_s", cpu);
		o.add("cpu_start_total_s", number(results.cpuStartTotal().orElse(Double.NaN)));
		o.add("versions", stringMap(results.versions()));
		return o;
	}

	private static JsonElement broker(BrokerResults broker) {
		if (broker == null) {
			return JsonNull.INSTANCE;
		}
		JsonObject o = new JsonObject();
		o.add("throughput", summary(broker.throughput()));
		o.add("latency_at_1000_msg_s", summary(broker.latency()));
		o.add("one_mib_messages", summary(broker.largeMessages()));
		o.add("limit_msg_s", number(broker.limit()));
		o.addProperty("publishes_per_task", BrokerResults.PUBLISHES_PER_TASK);
		o.addProperty("audit_copies_per_task", BrokerResults.AUDIT_COPIES_PER_TASK);
		o.add("per_task_bound_tasks_s", number(broker.perTaskBound()));
		o.addProperty("rabbitmq_version", broker.rabbitmqVersion());
		o.addProperty("perf_test_version", broker.perfTestVersion());
		o.add("errors", stringMap(broker.errors()));
		return o;
	}

	private static JsonElement summary(PerfTestSummary s) {
		if (s == null) {
			return JsonNull.INSTANCE;
		}
		JsonObject o = new JsonObject();
		o.add("send_rate_msg_s", number(s.sendRate()));
		o.add("receive_rate_msg_s", number(s.receiveRate()));
		o.add("latency_median_ms", number(s.latencyMedianMs()));
		o.add("latency_p99_ms", number(s.latencyP99Ms()));
		return o;
	}

	static JsonElement number(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? JsonNull.INSTANCE : new JsonPrimitive(value);
	}

	private static JsonObject stringMap(Map<String, String> map) {
		JsonObject o = new JsonObject();
		map.forEach(o::addProperty);
		return o;
	}

	private static JsonObject object(JsonObject root, String name) {
		return (root.has(name) && root.get(name).isJsonObject()) ? root.getAsJsonObject(name) : new JsonObject();
	}

	private static Map<String, String> strings(JsonObject o) {
		Map<String, String> map = new LinkedHashMap<>();
		o.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
		return map;
	}

	private static Map<String, Double> doubles(JsonObject o) {
		Map<String, Double> map = new LinkedHashMap<>();
		o.entrySet().forEach(e -> {
			if (!e.getValue().isJsonNull()) {
				map.put(e.getKey(), e.getValue().getAsDouble());
			}
		});
		return map;
	}

	private static Map<String, Long> longs(JsonObject o) {
		Map<String, Long> map = new LinkedHashMap<>();
		o.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsLong()));
		return map;
	}

}
