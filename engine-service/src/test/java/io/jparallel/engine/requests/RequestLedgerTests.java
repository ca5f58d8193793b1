package io.jparallel.engine.requests;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jparallel.protocol.Header;
import io.jparallel.protocol.Message;
import io.jparallel.protocol.MessageType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestLedgerTests {

	@Test
	void anAbortedRequestIsNotStartedAndNamesItsAbortRequest() {
		RequestLedger ledger = new RequestLedger();

		RequestLedger.Abort abort = ledger.abort("abort-1", List.of("a", "b"));

		assertThat(abort.aborted()).containsExactly("a", "b");
		assertThat(abort.alreadyDone()).isEmpty();
		assertThat(ledger.start("a")).isEqualTo("abort-1");
		assertThat(ledger.start("c")).isNull();
		assertThat(ledger.pendingAborts()).isEqualTo(1);
	}

	@Test
	void requestsRunningOrAnsweredAreAlreadyDone() {
		RequestLedger ledger = new RequestLedger();
		ledger.start("done");
		ledger.finish("done");
		ledger.start("running");

		RequestLedger.Abort abort = ledger.abort("abort-1", List.of("done", "running", "queued"));

		assertThat(abort.alreadyDone()).containsExactly("done", "running");
		assertThat(abort.aborted()).containsExactly("queued");
	}

	@Test
	void aRequestAnsweredAsAbortedIsAlreadyDoneForALaterAbort() {
		RequestLedger ledger = new RequestLedger();
		ledger.abort("abort-1", List.of("a"));
		assertThat(ledger.start("a")).isEqualTo("abort-1");
		ledger.finish("a");

		assertThat(ledger.abort("abort-2", List.of("a")).alreadyDone()).containsExactly("a");
	}

	@Test
	void bothMemoriesForgetTheOldestIdsBeyondTheirCapacity() {
		RequestLedger ledger = new RequestLedger(2);
		for (String id : List.of("done-1", "done-2", "done-3")) {
			ledger.start(id);
			ledger.finish(id);
		}
		ledger.abort("abort-1", List.of("queued-1", "queued-2", "queued-3"));

		assertThat(ledger.abort("abort-2", List.of("done-1", "done-2", "done-3")).alreadyDone())
			.containsExactly("done-2", "done-3");
		assertThat(ledger.start("queued-1")).isNull();
		assertThat(ledger.start("queued-3")).isEqualTo("abort-1");
	}

	@Test
	void anAbortWithCancelStopsTheRunningRequestIfItCanBeStopped() {
		RequestLedger ledger = new RequestLedger();
		RunningRequest running = new RunningRequest("running", MessageType.APPLY_REQUEST);
		ledger.start("running", running);

		RequestLedger.Abort abort = ledger.abort("abort-1", List.of("running", "queued"), true);

		assertThat(abort.aborted()).containsExactly("running", "queued");
		assertThat(abort.cancelled()).containsExactly("running");
		assertThat(abort.alreadyDone()).isEmpty();
		assertThat(running.isCancelled()).isTrue();
		assertThatExceptionOfType(RequestCancelledException.class).isThrownBy(running::await)
			.satisfies(ex -> assertThat(ex.abortRequestId()).isEqualTo("abort-1"));
		// a second cancel has nothing left to stop
		assertThat(ledger.abort("abort-2", List.of("running"), true).alreadyDone()).containsExactly("running");
	}

	@Test
	void withoutCancelOrOnceAnsweredTheRunningRequestIsAlreadyDone() {
		RequestLedger ledger = new RequestLedger();
		RunningRequest running = new RunningRequest("running", MessageType.EXECUTE_REQUEST);
		ledger.start("running", running);

		assertThat(ledger.abort("abort-1", List.of("running")).alreadyDone()).containsExactly("running");
		running.complete(Message.request(Header.create(MessageType.EXECUTE_REPLY, "engine", "engine"), Map.of(),
				Map.of(), List.of()));
		assertThat(ledger.abort("abort-2", List.of("running"), true).alreadyDone()).containsExactly("running");
		assertThat(running.isCancelled()).isFalse();
	}

	@Test
	void executionsAreCounted() {
		RequestLedger ledger = new RequestLedger();

		assertThat(ledger.countExecution()).isEqualTo(1);
		assertThat(ledger.countExecution()).isEqualTo(2);
		assertThat(ledger.executions()).isEqualTo(2);
	}

}
