package io.jparallel.engine.control;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jparallel.engine.properties.PropertiesRequests;
import io.jparallel.engine.properties.PublishedProperties;
import io.jparallel.engine.registration.EngineIdentity;
import io.jparallel.engine.requests.EngineReplies;
import io.jparallel.engine.requests.RequestLedger;
import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;
import io.jparallel.protocol.MetadataKeys;
import io.jparallel.protocol.amqp.ClusterConnection;
import io.jparallel.protocol.connection.ConnectionInfo;
import io.jparallel.protocol.tasks.PropertyMaps;

import static org.assertj.core.api.Assertions.assertThat;

/** Control requests answered through {@link ControlHandler#answer(Message)}; no broker. */
class ControlHandlerTests {

	private ClusterConnection cluster;

	private EngineIdentity identity;

	private RequestLedger ledger;

	private final AtomicInteger exits = new AtomicInteger();

	private PublishedProperties properties;

	private final List<Map<String, String>> announced = new ArrayList<>();

	private final List<Object> events = new ArrayList<>();

	private ControlHandler handler;

	@BeforeEach
	void createHandler() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.cluster = new ClusterConnection(new ConnectionInfo("control-tests", "amqp://guest:guest@127.0.0.1:1",
				HexFormat.of().formatHex(key), null, null), "control-tests", false);
		this.identity = new EngineIdentity();
		this.ledger = new RequestLedger();
		this.events.clear();
		EngineShutdown shutdown = new EngineShutdown(null, () -> {
		}, Duration.ofMinutes(1), code -> this.exits.incrementAndGet(), code -> this.exits.incrementAndGet());
		this.properties = new PublishedProperties(Map.of("gpu", "true"), Map.of("cores", "8", "os", "linux"));
		this.handler = new ControlHandler(this.cluster, this.identity, this.ledger,
				new EngineReplies(this.identity, this.ledger), shutdown,
				new PropertiesRequests(this.properties, this.announced::add), this.events::add);
	}

	@AfterEach
	void close() {
		this.cluster.close();
	}

	@Test
	void anAbortReplyListsTheRequestsThatWillNotRunAndThoseAlreadyDone() {
		this.ledger.start("ran");
		this.ledger.finish("ran");
		Message request = request(MessageType.ABORT_REQUEST, Map.of(MetadataKeys.MSG_IDS, "queued-1, ran,queued-2"));

		Message reply = this.handler.answer(request);

		assertThat(reply.msgType()).isEqualTo(MessageType.ABORT_REPLY);
		assertThat(reply.parentHeader()).isEqualTo(request.header());
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.content(MetadataKeys.ABORTED)).isEqualTo("queued-1,queued-2");
		assertThat(reply.content(MetadataKeys.ALREADY_DONE)).isEqualTo("ran");
		assertThat(reply.metadata(MetadataKeys.ENGINE_UUID)).isEqualTo(this.identity.uuid());
		assertThat(reply.metadata(MetadataKeys.EXECUTION_COUNT)).isEqualTo("0");
		assertThat(this.ledger.start("queued-2")).isEqualTo(request.header().msgId());
	}

	@Test
	void anAbortWithCancelOfARunningRequestThatCannotBeStoppedReportsItAsAlreadyDone() {
		this.ledger.start("a-push");
		Message request = request(MessageType.ABORT_REQUEST,
				Map.of(MetadataKeys.MSG_IDS, "a-push", MetadataKeys.CANCEL, "true"));

		Message reply = this.handler.answer(request);

		assertThat(reply.content(MetadataKeys.ABORTED)).isEmpty();
		assertThat(reply.content(MetadataKeys.ALREADY_DONE)).isEqualTo("a-push");
	}

	@Test
	void aPropertiesRequestWithoutSetReadsTheWholeMap() {
		Message reply = this.handler.answer(request(MessageType.PROPERTIES_REQUEST, Map.of()));

		assertThat(reply.msgType()).isEqualTo(MessageType.PROPERTIES_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(PropertyMaps.fromJson(reply.content(MetadataKeys.PROPERTIES)))
			.containsExactlyInAnyOrderEntriesOf(Map.of("gpu", "true", "cores", "8", "os", "linux"));
		assertThat(this.announced).isEmpty();
	}

	@Test
	void aPropertiesRequestSetsAndRemovesKeysAndTheChangeIsAnnounced() {
		Message reply = this.handler.answer(request(MessageType.PROPERTIES_REQUEST,
				Map.of(MetadataKeys.SET, "{\"zone\": \"eu-1\", \"gpu\": null, \"cores\": \"4\"}")));

		Map<String, String> expected = Map.of("zone", "eu-1", "cores", "4", "os", "linux");
		assertThat(reply.content(MetadataKeys.STATUS)).as("%s", reply.content()).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(PropertyMaps.fromJson(reply.content(MetadataKeys.PROPERTIES)))
			.containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(this.properties.snapshot()).containsExactlyInAnyOrderEntriesOf(expected);
		assertThat(this.announced).singleElement().isEqualTo(expected);
	}

	@Test
	void settingWhatIsAlreadySetIsNotAnnounced() {
		Message reply = this.handler.answer(request(MessageType.PROPERTIES_REQUEST,
				Map.of(MetadataKeys.SET, "{\"gpu\": \"true\", \"absent\": null}")));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(this.announced).isEmpty();
	}

	@Test
	void aSetThatIsNotAJsonObjectOfStringsIsAnErrorAndChangesNothing() {
		for (String bad : List.of("{\"gpu\": \"false\", \"cores\": 4}", "[\"gpu\"]", "\"gpu\"", "null",
				"{\"gpu\": {\"nested\": \"x\"}}", "not json", "{\" \": \"blank key\"}")) {
			Message reply = this.handler.answer(request(MessageType.PROPERTIES_REQUEST, Map.of(MetadataKeys.SET, bad)));

			assertThat(reply.msgType()).isEqualTo(MessageType.PROPERTIES_REPLY);
			assertThat(reply.content(MetadataKeys.STATUS)).as(bad).isEqualTo(MetadataKeys.STATUS_ERROR);
			assertThat(reply.content(MetadataKeys.ENAME)).as(bad).isEqualTo(IllegalArgumentException.class.getName());
		}
		assertThat(this.properties.snapshot()).containsEntry("gpu", "true").containsEntry("cores", "8");
		assertThat(this.announced).isEmpty();
	}

	@Test
	void anAbortOfNoIdsAbortsNothing() {
		Message reply = this.handler.answer(request(MessageType.ABORT_REQUEST, Map.of(MetadataKeys.MSG_IDS, "")));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(reply.content(MetadataKeys.ABORTED)).isEmpty();
		assertThat(reply.content(MetadataKeys.ALREADY_DONE)).isEmpty();
	}

	@Test
	void anAbortWithoutMsgIdsIsAnError() {
		Message reply = this.handler.answer(request(MessageType.ABORT_REQUEST, Map.of()));

		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.EVALUE)).contains(MetadataKeys.MSG_IDS);
	}

	@Test
	void aShutdownRequestIsAnsweredOkWithoutShuttingDownYet() {
		Message reply = this.handler.answer(request(MessageType.SHUTDOWN_REQUEST, Map.of()));

		assertThat(reply.msgType()).isEqualTo(MessageType.SHUTDOWN_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_OK);
		assertThat(this.exits).hasValue(0);
	}

	@Test
	void workRequestsAreRefusedOnTheControlQueue() {
		Message reply = this.handler.answer(request(MessageType.EXECUTE_REQUEST, Map.of("code", "1 + 1")));

		assertThat(reply.msgType()).isEqualTo(MessageType.EXECUTE_REPLY);
		assertThat(reply.content(MetadataKeys.STATUS)).isEqualTo(MetadataKeys.STATUS_ERROR);
		assertThat(reply.content(MetadataKeys.EVALUE))
			.isEqualTo("engine cannot handle execute_request on its control queue");
	}

	@Test
	void controlRequestsPassTheInboundGateLikeAllOthers() {
		long rejectedBefore = this.cluster.inbound().rejectedTotal();

		// nothing is answered (there is no broker to answer on): the garbage is counted and dropped
		this.handler.handle("not a JParallel message".getBytes(StandardCharsets.UTF_8), "control-queue");

		assertThat(this.cluster.inbound().rejectedTotal()).isEqualTo(rejectedBefore + 1);
		assertThat(this.cluster.inbound().rejectedCounts()).containsEntry("malformed", 1L);
	}

	@Test
	void theHubsRequestToRegisterAgainIsPassedToTheRegistrarAndNotAnswered() {
		Message ask = Message.request(Header.create(MessageType.REGISTER_AGAIN_REQUEST, "hub", "hub"), Map.of(),
				Map.of("uuid", this.identity.uuid()), List.of());

		// nothing is sent (there is no broker here): an answer would fail this test
		this.handler.handle(this.cluster.codec().encode(ask), "control-queue");

		assertThat(this.events).singleElement().isEqualTo(new io.jparallel.engine.control.RegisterAgainRequested("hub"));
	}

	private static Message request(String type, Map<String, String> content) {
		return Message.request(Header.create(type, "client-session", "tester"), Map.of(), content, List.of());
	}

}
