package io.jparallel.hub.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubPropertiesTests {

	@Test
	void auditRetentionDefaultsToAMillionRecordsAndTwoGibibytes() {
		HubProperties properties = bind(Map.of("jparallel.connection-file", "/tmp/engine.json"));

		assertThat(properties.getAudit().getBatchSize()).isEqualTo(500);
		assertThat(properties.getAudit().getRetention().getMaxRecords()).isEqualTo(1_000_000);
		assertThat(properties.getAudit().getRetention().getMaxBytes()).isEqualTo(DataSize.ofGigabytes(2));
		assertThat(properties.getAudit().getRetention().getMaxBytes().toBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
	}

	@Test
	void auditRetentionIsConfigurable() {
		HubProperties properties = bind(Map.of("jparallel.connection-file", "/tmp/engine.json",
				"jparallel.audit.retention.max-records", "5000", "jparallel.audit.retention.max-bytes", "64MB",
				"jparallel.audit.retention.interval", "10s"));

		assertThat(properties.getAudit().getRetention().getMaxRecords()).isEqualTo(5000);
		assertThat(properties.getAudit().getRetention().getMaxBytes()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(properties.getAudit().getRetention().getInterval()).hasSeconds(10);
	}

	@Test
	void aCapBelowOneIsRefused() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> bind(Map.of("jparallel.connection-file", "/tmp/engine.json",
					"jparallel.audit.retention.max-records", "0")))
			.withStackTraceContaining("jparallel.audit.retention.max-records must be positive");
	}

	private static HubProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("jparallel", HubProperties.class);
	}

}
