package io.jparallel.client;

import java.util.Arrays;
import java.util.List;

/**
 * Per-call overrides of a view's {@code targets} and {@code block} attributes.
 * <pre>{@code
 * dview.execute("var c = a + b;", CallOptions.targets(0, 2));
 * dview.execute("Thread.sleep(1000);", CallOptions.block(false));
 * }</pre>
 *
 * @param targets engine ids, or {@code null} for the view's
 * @param block whether to wait, or {@code null} for the view's
 */
public record CallOptions(List<Integer> targets, Boolean block) {

	public static CallOptions targets(int... targets) {
		return new CallOptions(Arrays.stream(targets).boxed().toList(), null);
	}

	public static CallOptions block(boolean block) {
		return new CallOptions(null, block);
	}

	public CallOptions withBlock(boolean block) {
		return new CallOptions(this.targets, block);
	}

}
