package io.jparallel.client;

import java.util.List;

/**
 * A direct view whose every request is sent once and copied to all targets by the scheduler, instead
 * of once per target by the client: for many engines, the client publishes one message where a
 * {@link DirectView} publishes one per engine. Results have the same shape as a {@code DirectView}'s,
 * one per target in target order. ({@code map} and {@code scatter}, which send different data to
 * each engine, go per target as on a {@code DirectView}.)
 * <pre>{@code
 * BroadcastView bview = rc.broadcastView();
 * List<Integer> products = bview.applySync(mul, 5, 6);        // [30, 30, 30, 30], one publish
 * }</pre>
 */
public final class BroadcastView extends DirectView {

	BroadcastView(ViewSupport support, List<Integer> targets, boolean block) {
		super(support, targets, block, true);
	}

	@Override
	public BroadcastView setTargets(List<Integer> targets) {
		super.setTargets(targets);
		return this;
	}

	@Override
	public BroadcastView setBlock(boolean block) {
		super.setBlock(block);
		return this;
	}

}
