package io.jparallel.launcher.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.Client;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.Query;
import io.jparallel.protocol.function.Fn1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The hub as the seeds' "über-logger", on a cluster started with {@code jpcluster start -n 4} (separate
 * processes, real RabbitMQ): every request and reply recorded, results that outlive their client,
 * queries, resubmit, a hub restart that loses nothing, and admin writes that need a password. Run on
 * the hub's default H2 database and on PostgreSQL by the subclasses.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HubAuditScenarios {

	private static final Fn1<Integer, Integer> DOUBLE_AND_PRINT = x -> {
		if (x % 10 == 0) {
			System.out.println("task " + x);
		}
		return x * 2;
	};

	private LoadBalancedView lview;

	/** The database the hub runs on, for the figures. */
	abstract String database();

	/** The subclass's cluster of 4 engines, its hub on {@link #database()}. */
	abstract TestCluster cluster();

	@BeforeAll
	void createView() {
		this.lview = cluster().client().loadBalancedView();
	}

	@Test
	@Order(1)
	void twoThousandTasksThroughBothViewsLeaveTwoThousandCompleteRecords() {
		List<AsyncResult<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			results.add(cluster().client().get(i % 4).applyAsync(DOUBLE_AND_PRINT, i));
			results.add(this.lview.applyAsync(DOUBLE_AND_PRINT, 1000 + i));
		}
		assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(2))).isTrue();
		long answered = System.nanoTime();
		Map<String, Integer> inputs = new HashMap<>();
		for (int i = 0; i < results.size(); i++) {
			int x = (i % 2 == 0) ? i / 2 : 1000 + i / 2;
			inputs.put(results.get(i).msgIds().get(0), x);
		}
		List<Map<String, Object>> records = awaitRecords(inputs.keySet(), Duration.ofMinutes(2));
		System.out.printf("[%s] 2,000 tasks (1,000 direct, 1,000 load-balanced): the hub held all 2,000 records %.0f ms after the last reply reached the client%n",
				database(), (System.nanoTime() - answered) / 1e6);
		assertThat(records).hasSize(2000);
		for (Map<String, Object> record : records) {
			String msgId = (String) field(record, "msg_id", "msgId");
			Instant submitted = instant(record, "submitted");
			Instant started = instant(record, "started");
			Instant completed = instant(record, "completed");
			Instant received = instant(record, "received");
			assertThat(submitted).as(msgId).isNotNull();
			assertThat(started).as(msgId).isAfterOrEqualTo(submitted.minusMillis(5));
			assertThat(completed).as(msgId).isAfterOrEqualTo(started);
			assertThat(received).as(msgId).isAfterOrEqualTo(completed.minusMillis(5));
			assertThat(field(record, "engine_id", "engineId")).as(msgId).isNotNull();
			assertThat(field(record, "status")).as(msgId).isEqualTo("ok");
			int x = inputs.get(msgId);
			String stdout = String.valueOf(field(record, "stdout"));
			if (x % 10 == 0) {
				assertThat(stdout).as(msgId).contains("task " + x);
			}
		}
		List<String> sample = inputs.keySet().stream().limit(50).toList();
		List<Object> values = cluster().client().getResult(sample).get(Duration.ofSeconds(30));
		for (int i = 0; i < sample.size(); i++) {
			assertThat(values.get(i)).isEqualTo(inputs.get(sample.get(i)) * 2);
		}
	}

	@Test
	@Order(2)
	void aNewClientGetsTheResultsAndOutputOfTheOneThatLeft() throws Exception {
		List<String> ids = new ArrayList<>();
		try (Client first = Client.connect(cluster().process().clientFile())) {
			List<AsyncResult<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				results.add(first.loadBalancedView().applyAsync(DOUBLE_AND_PRINT, i * 10));
			}
			assertThat(AsyncResult.waitAll(results, Duration.ofSeconds(60))).isTrue();
			results.forEach(ar -> ids.add(ar.msgIds().get(0)));
		}
		try (Client second = Client.connect(cluster().process().clientFile())) {
			AsyncResult<List<Object>> stored = second.getResult(ids);
			List<Object> values = stored.get(Duration.ofSeconds(60));
			System.out.printf("[%s] a new client got %d results of a client that left, e.g. %s with stdout '%s'%n",
					database(), values.size(), values.get(3), stored.stdout().get(3).strip());
			assertThat(values).containsExactlyElementsOf(
					java.util.stream.IntStream.range(0, 20).mapToObj(i -> (Object) (i * 20)).toList());
			assertThat(stored.stdout()).allSatisfy(out -> assertThat(out).startsWith("task "));
		}
	}

	@Test
	@Order(3)
	void dbQueryGivesTheRightRecordsForEachOperatorAndExplainsABadQuery() {
		Fn1<Integer, Integer> fails = x -> {
			throw new IllegalStateException("bad " + x);
		};
		AsyncResult<Integer> warm1 = this.lview.withTargets(0).withLabel("warm-1").applyAsync(DOUBLE_AND_PRINT, 1);
		warm1.get(Duration.ofSeconds(30));
		AsyncResult<Integer> warm2 = this.lview.withTargets(1).withLabel("warm-2").applyAsync(DOUBLE_AND_PRINT, 2);
		warm2.get(Duration.ofSeconds(30));
		AsyncResult<Integer> cold = this.lview.withTargets(2).withLabel("cold-1").applyAsync(DOUBLE_AND_PRINT, 3);
		cold.get(Duration.ofSeconds(30));
		AsyncResult<Integer> bad = this.lview.withTargets(3).withLabel("bad-1").applyAsync(fails, 4);
		assertThatThrownBy(() -> bad.get(Duration.ofSeconds(30))).hasMessageContaining("bad 4");
		AsyncResult<Integer> plain = this.lview.withTargets(0).applyAsync(DOUBLE_AND_PRINT, 5);
		plain.get(Duration.ofSeconds(30));
		Map<String, String> names = new HashMap<>();
		names.put(warm1.msgIds().get(0), "warm1");
		names.put(warm2.msgIds().get(0), "warm2");
		names.put(cold.msgIds().get(0), "cold");
		names.put(bad.msgIds().get(0), "bad");
		names.put(plain.msgIds().get(0), "plain");
		List<Map<String, Object>> records = awaitRecords(names.keySet(), Duration.ofSeconds(60));
		String coldSubmitted = records.stream()
			.filter(record -> "cold".equals(names.get(field(record, "msg_id", "msgId"))))
			.map(record -> record.get("submitted").toString())
			.findFirst()
			.orElseThrow();
		java.util.function.Function<Query, List<String>> run = query -> cluster().client().dbQuery(query, "msg_id")
			.stream()
			.map(record -> names.get(field(record, "msg_id", "msgId")))
			.sorted()
			.toList();
		java.util.function.Supplier<Query> mine = () -> Query.where("msg_id").in(names.keySet());
		Map<String, List<String>> answers = new java.util.LinkedHashMap<>();
		answers.put("$glob label warm*", run.apply(mine.get().and("label").glob("warm*")));
		answers.put("$in engine_id [0, 1]", run.apply(mine.get().and("engine_id").in(0, 1)));
		answers.put("$nin engine_id [0, 1]", run.apply(mine.get().and("engine_id").nin(0, 1)));
		answers.put("$eq engine_id 2", run.apply(mine.get().and("engine_id").eq(2)));
		answers.put("$eq status error", run.apply(mine.get().and("status").eq("error")));
		answers.put("$ne status ok", run.apply(mine.get().and("status").ne("ok")));
		answers.put("$exists label false", run.apply(mine.get().and("label").exists(false)));
		answers.put("$exists label true", run.apply(mine.get().and("label").exists(true)));
		answers.put("$lt submitted cold", run.apply(mine.get().and("submitted").lt(coldSubmitted)));
		answers.put("$lte submitted cold", run.apply(mine.get().and("submitted").lte(coldSubmitted)));
		answers.put("$gt submitted cold", run.apply(mine.get().and("submitted").gt(coldSubmitted)));
		answers.put("$gte submitted cold", run.apply(mine.get().and("submitted").gte(coldSubmitted)));
		System.out.println("[" + database() + "] dbQuery over 5 labelled tasks: " + answers);
		assertThat(answers.get("$glob label warm*")).containsExactly("warm1", "warm2");
		assertThat(answers.get("$in engine_id [0, 1]")).containsExactly("plain", "warm1", "warm2");
		assertThat(answers.get("$nin engine_id [0, 1]")).containsExactly("bad", "cold");
		assertThat(answers.get("$eq engine_id 2")).containsExactly("cold");
		assertThat(answers.get("$eq status error")).containsExactly("bad");
		assertThat(answers.get("$ne status ok")).containsExactly("bad");
		assertThat(answers.get("$exists label false")).containsExactly("plain");
		assertThat(answers.get("$exists label true")).containsExactly("bad", "cold", "warm1", "warm2");
		assertThat(answers.get("$lt submitted cold")).containsExactly("warm1", "warm2");
		assertThat(answers.get("$lte submitted cold")).containsExactly("cold", "warm1", "warm2");
		assertThat(answers.get("$gt submitted cold")).containsExactly("bad", "plain");
		assertThat(answers.get("$gte submitted cold")).containsExactly("bad", "cold", "plain");

		assertThatThrownBy(() -> cluster().client().dbQuery("{not json")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> cluster().client().dbQuery("{\"label\": {\"$regex\": \"w.*\"}}"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("$regex");
		System.out.println("[" + database() + "] a bad query: "
				+ ErrorText.of(() -> cluster().client().dbQuery("{\"label\": {\"$regex\": \"w.*\"}}")));
		assertThat(cluster().client().hubHistory()).containsAll(names.keySet());
	}

	@Test
	@Order(4)
	void resubmitRunsTheTaskAgainUnderANewIdAndBothRecordsExist() {
		AsyncResult<Integer> original = this.lview.applyAsync(x -> x + 1, 41);
		assertThat(original.get(Duration.ofSeconds(30))).isEqualTo(42);
		AsyncResult<List<Object>> again = cluster().client().resubmit(original);
		assertThat(again.get(Duration.ofSeconds(30))).containsExactly(42);
		String oldId = original.msgIds().get(0);
		String newId = again.msgIds().get(0);
		assertThat(newId).isNotEqualTo(oldId);
		List<Map<String, Object>> records = awaitRecords(List.of(oldId, newId), Duration.ofSeconds(60));
		Map<String, Object> resubmitted = records.stream()
			.filter(record -> newId.equals(field(record, "msg_id", "msgId")))
			.findFirst()
			.orElseThrow();
		System.out.println("[" + database() + "] resubmit: " + oldId + " ran again as " + newId + " (record says resubmitted="
				+ field(resubmitted, "resubmitted") + ")");
		assertThat(field(resubmitted, "resubmitted")).isEqualTo(oldId);
	}

	@Test
	@Order(5)
	void anActuatorWriteRefusesAnUnauthenticatedCaller() throws Exception {
		String url = cluster().process().connectionInfo().hubUrl() + "/actuator/jparallel/clear";
		Path passwordFile = cluster().process().profileDir().resolve("security").resolve("hub-admin.password");
		String password = Files.readString(passwordFile).strip();
		cluster().client().all().setBlock(true).execute("int keep = 7;");
		int anonymous = status(url, "POST", "{\"engines\":\"all\"}", null);
		int wrong = status(url, "POST", "{\"engines\":\"all\"}", "admin:not-the-password");
		assertThat(cluster().client().all().setBlock(true).<Integer>get("keep")).containsOnly(7);
		int admin = status(url, "POST", "{\"engines\":\"all\"}", "admin:" + password);
		System.out.printf("[%s] POST %s: anonymous %d, wrong password %d (namespaces kept), admin %d%n", database(), url,
				anonymous, wrong, admin);
		assertThat(anonymous).isEqualTo(401);
		assertThat(wrong).isEqualTo(401);
		assertThat(admin).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThatThrownBy(() -> cluster().client().get(0).setBlock(true).get("keep"))
				.isNotNull());
	}

	@Test
	@Order(6)
	void aHubStoppedWhileTenThousandTasksRunLosesNothing() throws Exception {
		RestartableService hub = new RestartableService(cluster().process().profileDir(), "hub");
		long killedPid = hub.pid();
		Fn1<Integer, Integer> brief = x -> x;
		int total = 10_000;
		try {
			List<AsyncResult<Integer>> results = new ArrayList<>();
			long start = System.nanoTime();
			long duplicatesBefore = cluster().client().duplicateRepliesDropped();
			for (int i = 0; i < total; i++) {
				results.add(this.lview.applyAsync(brief, i));
				if (i == 1000) {
					hub.kill();
				}
			}
			long killed = System.nanoTime();
			Thread.sleep(2000); // the hub's downtime, on purpose
			hub.start();
			long restarted = System.nanoTime();
			assertThat(AsyncResult.waitAll(results, Duration.ofMinutes(3))).isTrue();
			double doneMs = (System.nanoTime() - start) / 1e6;
			java.util.Set<Integer> distinct = new java.util.HashSet<>();
			results.forEach(ar -> distinct.add(ar.get()));
			List<String> ids = results.stream().map(ar -> ar.msgIds().get(0)).toList();
			List<Map<String, Object>> records = awaitRecords(ids, Duration.ofMinutes(3));
			long recorded = HubRecords.distinctTasks(records);
			System.out.printf("[%s] hub killed (pid %s, kill -9) after 1,000 of 10,000 tasks were submitted, restarted %.1f s later:"
					+ " the client got %d distinct results of %d (%d duplicates dropped) in %.0f ms; the restarted hub (pid %d) held"
					+ " %d records (%d missing) %.1f s after its restart%n", database(), killedPid, (restarted - killed) / 1e9,
					distinct.size(), results.size(), cluster().client().duplicateRepliesDropped() - duplicatesBefore, doneMs,
					hub.pid(), recorded, total - recorded, (System.nanoTime() - restarted) / 1e9);
			assertThat(distinct).hasSize(total);
			assertThat(recorded).isEqualTo(total);
		}
		finally {
			hub.stopRestarted();
		}
	}


	List<Map<String, Object>> awaitRecords(java.util.Collection<String> ids, Duration timeout) {
		return HubRecords.awaitFinished(cluster().client(), ids, timeout);
	}

	static Object field(Map<String, Object> record, String... names) {
		for (String name : names) {
			if (record.containsKey(name)) {
				return record.get(name);
			}
		}
		return null;
	}

	static Instant instant(Map<String, Object> record, String name) {
		Object value = record.get(name);
		return (value != null) ? Instant.parse(value.toString()) : null;
	}

	static int status(String url, String method, String body, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		if (credentials != null) {
			request.header("Authorization", "Basic "
					+ java.util.Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}


}
