package io.jparallel.protocol.function;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApplyPayloadTests {

	private static final byte[] FUNCTION = { 1 };

	private static Message request(ApplyPayload payload, Map<String, String> content) {
		return Message.request(Header.create(MessageType.APPLY_REQUEST, "s", "u"), Map.of(), payload.content(content),
				payload.buffers());
	}

	@Test
	void globalsTravelBetweenTheFunctionAndTheArguments() {
		List<GlobalVariable> globals = List.of(new GlobalVariable("REPL.$JShell$7", "k"),
				new GlobalVariable("REPL.$JShell$9$Counter", "count"));
		ApplyPayload payload = ApplyPayload.of(FUNCTION, globals, List.of(new byte[] { 2 }, new byte[] { 3 }))
			.withArguments(List.of(new byte[] { 4 }));

		Message request = request(payload, Map.of("mode", "map"));

		assertThat(request.content()).containsEntry(MetadataKeys.GLOBALS, "REPL.$JShell$7.k,REPL.$JShell$9$Counter.count")
			.containsEntry("mode", "map");
		assertThat(request.buffers()).extracting(b -> b[0]).containsExactly((byte) 1, (byte) 2, (byte) 3, (byte) 4);
		ApplyPayload received = ApplyPayload.from(request);
		assertThat(received.globals()).isEqualTo(globals);
		assertThat(received.globalValues()).extracting(b -> b[0]).containsExactly((byte) 2, (byte) 3);
		assertThat(received.arguments()).extracting(b -> b[0]).containsExactly((byte) 4);
	}

	@Test
	void withoutGlobalsTheRequestIsAsBefore() {
		ApplyPayload payload = ApplyPayload.of(FUNCTION, List.of(), List.of()).withArguments(List.of(new byte[] { 4 }));

		Message request = request(payload, Map.of());

		assertThat(request.content()).isEmpty();
		assertThat(ApplyPayload.from(request).arguments()).hasSize(1);
		assertThat(ApplyPayload.from(request).globals()).isEmpty();
	}

	@Test
	void aRequestNamingMoreGlobalsThanItCarriesIsRefused() {
		Message request = Message.request(Header.create(MessageType.APPLY_REQUEST, "s", "u"), Map.of(),
				Map.of(MetadataKeys.GLOBALS, "REPL.$JShell$7.k,REPL.$JShell$8.m"), List.of(FUNCTION, new byte[] { 2 }));

		assertThatIllegalArgumentException().isThrownBy(() -> ApplyPayload.from(request))
			.withMessageContaining("names 2 globals but carries 1");
	}

	@Test
	void namesParseAtTheLastDot() {
		assertThat(GlobalVariable.parse("REPL.$JShell$12.list"))
			.isEqualTo(new GlobalVariable("REPL.$JShell$12", "list"));
		assertThatIllegalArgumentException().isThrownBy(() -> GlobalVariable.parse("nodot"));
		assertThatIllegalArgumentException().isThrownBy(() -> GlobalVariable.parse("REPL.$JShell$12."));
	}

}
