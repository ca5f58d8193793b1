package io.jparallel.client;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueryTests {

	@Test
	void conditionsOnFieldsAreOperatorObjects() {
		Query query = Query.where("engine_id").in(0, 1).and("label").glob("warm*");

		assertThat(query.toJson()).isEqualTo("{\"engine_id\":{\"$in\":[0,1]},\"label\":{\"$glob\":\"warm*\"}}");
	}

	@Test
	void operatorsOnOneFieldAreMergedAndInstantsAreIsoStrings() {
		Instant from = Instant.parse("2025-01-31T12:00:00Z");
		Query query = Query.where("submitted").gte(from).and("submitted").lt(from.plusSeconds(60)).and("status")
			.ne("pending").and("stdout").exists(true).and("engineId").nin(List.of(3)).and("msgId").eq(null);

		assertThat(query.toJson()).isEqualTo("{\"submitted\":{\"$gte\":\"2025-01-31T12:00:00Z\",\"$lt\":"
				+ "\"2025-01-31T12:01:00Z\"},\"status\":{\"$ne\":\"pending\"},\"stdout\":{\"$exists\":true},"
				+ "\"engineId\":{\"$nin\":[3]},\"msgId\":{\"$eq\":null}}");
	}

	@Test
	void aQueryIsImmutable() {
		Query base = Query.where("engineId").eq(1);
		Query narrower = base.and("status").eq("ok");

		assertThat(base.toJson()).isEqualTo("{\"engineId\":{\"$eq\":1}}");
		assertThat(narrower.toJson()).isEqualTo("{\"engineId\":{\"$eq\":1},\"status\":{\"$eq\":\"ok\"}}");
		assertThat(Query.all().toJson()).isEqualTo("{}");
	}

	@Test
	void valuesAreScalars() {
		assertThatIllegalArgumentException().isThrownBy(() -> Query.where("content").eq(new Object()))
			.withMessageContaining("not java.lang.Object");
	}

}
