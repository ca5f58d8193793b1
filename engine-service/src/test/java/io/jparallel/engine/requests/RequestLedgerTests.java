package io.jparallel.engine.requests;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
	void executionsAreCounted() {
		RequestLedger ledger = new RequestLedger();

		assertThat(ledger.countExecution()).isEqualTo(1);
		assertThat(ledger.countExecution()).isEqualTo(2);
		assertThat(ledger.executions()).isEqualTo(2);
	}

}
