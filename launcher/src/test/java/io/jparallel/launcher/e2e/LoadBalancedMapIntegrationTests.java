package io.jparallel.launcher.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CompositeError;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.ResultMetadata;
import io.jparallel.protocol.function.Fn1;
import io.jparallel.protocol.function.Fn2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's load-balanced map with chunksize 1 (10,000 items, each its own task) on 4 engines
 * started with {@code jpcluster start -n 4} (scheme leastload, the default adaptive hwm), as separate
 * processes on a real RabbitMQ: every result in input order, every item its own task in the hub's
 * records, and a failing item failing only its own task.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancedMapIntegrationTests {

	private static final int ITEMS = 10_000;

	private static final List<Integer> XS = IntStream.range(0, ITEMS).boxed().toList();

	@RegisterExtension
	static final TestCluster CLUSTER = TestCluster.withEngines(4).awaitingQueueStatusOfEveryEngine().build();

	private LoadBalancedView lview;

	@BeforeAll
	void createView() {
		this.lview = CLUSTER.client().loadBalancedView().withChunksize(1);
	}

	@Test
	@Order(1)
	void aMapOfTenThousandItemsWithChunksizeOneReturnsEveryResultInOrderEachItemItsOwnTask() {
		Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;

		AsyncResult<List<Integer>> products = this.lview.mapAsync(mul, XS, XS);

		assertThat(products.get(Duration.ofMinutes(5))).isEqualTo(XS.stream().map(x -> x * x).toList());
		assertThat(products.msgIds()).hasSize(ITEMS).doesNotHaveDuplicates();
		assertThat(products.metadata()).extracting(ResultMetadata::status).containsOnly("ok");
		assertThat(products.metadata()).extracting(ResultMetadata::engineId).containsOnly(0, 1, 2, 3);
		System.out.println("map of " + ITEMS + " items, chunksize 1: " + products.wallTime().toMillis() + " ms; "
				+ CLUSTER.client().queueStatus());
		List<String> ids = products.msgIds();
		for (int from = 0; from < ITEMS; from += 2_500) {
			List<String> slice = ids.subList(from, from + 2_500);
			List<Map<String, Object>> records = HubRecords.awaitFinished(CLUSTER.client(), slice,
					Duration.ofMinutes(2));
			assertThat(HubRecords.distinctTasks(records)).isEqualTo(slice.size());
			assertThat(records).allSatisfy(record -> assertThat(record.get("status")).isEqualTo("ok"));
		}
	}

	@Test
	@Order(2)
	void aFailingItemFailsOnlyItsOwnTask() {
		Fn1<Integer, Integer> failsOn4321 = x -> {
			if (x == 4321) {
				throw new IllegalArgumentException("item " + x + " fails");
			}
			return x + 1;
		};

		AsyncResult<List<Integer>> result = this.lview.mapAsync(failsOn4321, XS);

		assertThatThrownBy(() -> result.get(Duration.ofMinutes(5))).isInstanceOfSatisfying(CompositeError.class,
				error -> assertThat(error.errors()).singleElement()
					.satisfies(one -> assertThat(one.getMessage()).contains("IllegalArgumentException", "item 4321 fails")));
		List<ResultMetadata> metadata = result.metadata();
		assertThat(metadata).hasSize(ITEMS);
		assertThat(metadata.get(4321).status()).isEqualTo("error");
		assertThat(metadata).filteredOn(one -> !"ok".equals(one.status())).singleElement()
			.isSameAs(metadata.get(4321));
		List<String> around = result.msgIds().subList(4300, 4350);
		List<Map<String, Object>> records = HubRecords.awaitFinished(CLUSTER.client(), around, Duration.ofMinutes(2));
		assertThat(records).hasSize(around.size());
		assertThat(records).filteredOn(record -> !"ok".equals(record.get("status")))
			.singleElement()
			.satisfies(record -> assertThat(HubAuditScenarios.field(record, "msg_id", "msgId"))
				.isEqualTo(result.msgIds().get(4321)));
	}

}
