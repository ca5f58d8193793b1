package io.jparallel.protocol.amqp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.jparallel.protocol.wire.InvalidMessageException.Reason;

/**
 * What a service's {@link InboundMessages} gate counted, as meters read at each scrape (nothing on the
 * message path): {@code jparallel.messages.accepted} and {@code jparallel.messages.rejected} tagged
 * {@code reason} ({@code malformed}, {@code bad_signature}, ... as in {@code /actuator/jparallel}). In
 * Prometheus: {@code jparallel_messages_accepted_total}, {@code jparallel_messages_rejected_total}. Needs
 * micrometer-core, which services have (clients do not load this class).
 */
public final class InboundMeters implements MeterBinder {

	private final InboundMessages inbound;

	public InboundMeters(InboundMessages inbound) {
		this.inbound = inbound;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("jparallel.messages.accepted", this.inbound, InboundMessages::acceptedTotal)
			.description("Messages received, verified and accepted")
			.register(registry);
		for (Reason reason : Reason.values()) {
			String tag = reason.name().toLowerCase();
			FunctionCounter
				.builder("jparallel.messages.rejected", this.inbound,
						inbound -> inbound.rejectedCounts().getOrDefault(tag, 0L))
				.description("Messages rejected (and dropped) at the gate, by reason")
				.tag("reason", tag)
				.register(registry);
		}
	}

}
