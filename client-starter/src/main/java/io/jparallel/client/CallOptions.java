package io.jparallel.client;

import java.util.Arrays;
import java.util.List;

/**
 * Per-call overrides of a view's {@code targets} and {@code block} attributes, and the
 * {@code flatten} option of {@code scatter}.
 * <pre>{@code
 * dview.execute("var c = a + b;", CallOptions.targets(0, 2));
 * dview.execute("Thread.sleep(1000);", CallOptions.block(false));
 * dview.scatter("x", List.of(1, 2, 3, 4), CallOptions.flattened());   // each engine gets an Integer, not a list
 * }</pre>
 *
 * @param targets engine ids, or {@code null} for the view's
 * @param block whether to wait, or {@code null} for the view's
 * @param flatten whether {@code scatter} pushes a part of one element as that element rather than a list
 */
public record CallOptions(List<Integer> targets, Boolean block, boolean flatten) {

	public CallOptions(List<Integer> targets, Boolean block) {
		this(targets, block, false);
	}

	public static CallOptions targets(int... targets) {
		return new CallOptions(Arrays.stream(targets).boxed().toList(), null);
	}

	public static CallOptions block(boolean block) {
		return new CallOptions(null, block);
	}

	public static CallOptions flattened() {
		return new CallOptions(null, null, true);
	}

	public CallOptions withBlock(boolean block) {
		return new CallOptions(this.targets, block, this.flatten);
	}

	public CallOptions withFlatten(boolean flatten) {
		return new CallOptions(this.targets, this.block, flatten);
	}

}
