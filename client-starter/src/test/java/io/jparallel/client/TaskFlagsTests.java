package io.jparallel.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.tasks.Dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TaskFlagsTests {

	private static final java.util.function.Function<Dependency, Dependencies> BY_ID = dependency -> new Dependencies(
			dependency.msgIds().stream().map(Dependencies.Entry::pending).toList(), dependency.requiresAll(),
			dependency.metBySuccess(), dependency.metByFailure());

	@Test
	void theDefaultsPutNothingInTheMetadata() {
		assertThat(TaskFlags.DEFAULTS.metadata(BY_ID)).isEmpty();
		assertThat(TaskFlags.DEFAULTS.block(true).chunksize(10).ordered(false).maxOutstanding(3).metadata(BY_ID))
			.isEmpty();
	}

	@Test
	void eachFlagHasItsMetadataKey() {
		TaskFlags flags = TaskFlags.DEFAULTS.targets(0, 3)
			.after("a", "b")
			.follow(Dependency.on("c").any().failureOnly())
			.timeout(Duration.ofSeconds(30))
			.retries(4)
			.label("nightly")
			.require("os == linux")
			.clearBefore(true)
			.clearAfter(true);

		assertThat(flags.metadata(BY_ID)).containsOnly(Map.entry(MetadataKeys.TARGETS, "0,3"),
				Map.entry(MetadataKeys.AFTER, "a,b"), Map.entry(MetadataKeys.AFTER_MODE, "all,success"),
				Map.entry(MetadataKeys.FOLLOW, "c"), Map.entry(MetadataKeys.FOLLOW_MODE, "any,failure"),
				Map.entry(MetadataKeys.TIMEOUT, "30"), Map.entry(MetadataKeys.RETRIES, "4"),
				Map.entry(MetadataKeys.LABEL, "nightly"), Map.entry(MetadataKeys.REQUIRE, "os == linux"),
				Map.entry(MetadataKeys.CLEAR_BEFORE, "true"), Map.entry(MetadataKeys.CLEAR_AFTER, "true"));
	}

	@Test
	void timeoutsTravelAsDecimalSeconds() {
		assertThat(TaskFlags.seconds(Duration.ofMillis(1500))).isEqualTo("1.5");
		assertThat(TaskFlags.seconds(Duration.ofMinutes(2))).isEqualTo("120");
		assertThat(TaskFlags.seconds(Duration.ofNanos(1))).isEqualTo("0.000000001");
	}

	@Test
	void requirementsByEqualityBecomeClausesAndAreCheckedEarly() {
		Map<String, Object> equalities = new LinkedHashMap<>();
		equalities.put("os", "linux");
		equalities.put("gpu", true);
		equalities.put("spot", null);

		assertThat(TaskFlags.DEFAULTS.require(equalities).require()).isEqualTo("gpu == true; os == linux; !spot");
		assertThat(TaskFlags.DEFAULTS.depend(" gpu ;mem_gb>=16 ").require()).isEqualTo("gpu ;mem_gb>=16");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.require("mem_gb >"))
			.withMessageContaining("mem_gb >");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.require(Map.of("os", "a;b")))
			.withMessageContaining("';'");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.require(Map.of("no good", 1)))
			.withMessageContaining("Not a property name");
	}

	@Test
	void misusedFlagsFailAtOnce() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.retries(-1)).withMessageContaining("retries");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.chunksize(0)).withMessageContaining("chunksize");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.timeout(Duration.ZERO))
			.withMessageContaining("timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.targets(-1)).withMessageContaining("targets");
		assertThatIllegalArgumentException().isThrownBy(() -> TaskFlags.DEFAULTS.maxOutstanding(-2))
			.withMessageContaining("maxOutstanding");
		assertThatIllegalArgumentException().isThrownBy(() -> Dependency.on("a,b")).withMessageContaining("Not a msg id");
	}

	@Test
	void clearingAFlagRestoresItsDefault() {
		TaskFlags flags = TaskFlags.DEFAULTS.after("a").timeout(Duration.ofSeconds(1)).label("x").targets(List.of(1));

		TaskFlags cleared = flags.after(Dependency.none()).timeout(null).label(null).targets(List.of());

		assertThat(cleared).isEqualTo(TaskFlags.DEFAULTS);
		assertThat(flags.after((Dependency) null).after()).isSameAs(Dependency.none());
	}

	@Test
	void toStringNamesWhatDiffersFromTheDefaults() {
		assertThat(TaskFlags.DEFAULTS.retries(2).label("x")).hasToString(
				"TaskFlags[retries=2, label=x, block=false, chunksize=1, ordered=true]");
		assertThat(Dependency.on("a", "b").any().successOrFailure())
			.hasToString("Dependency[2 request(s), any, success or failure]");
	}

}
