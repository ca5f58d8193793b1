package io.jparallel.protocol.function;

import java.util.List;

/** Calls any of the {@code FnN} interfaces with a list of arguments. */
public final class Invocation {

	private Invocation() {
	}

	/** The arity of a function object, or -1 if it is not one of ours. */
	public static int arity(Object function) {
		if (function instanceof Fn0) {
			return 0;
		}
		if (function instanceof Fn1) {
			return 1;
		}
		if (function instanceof Fn2) {
			return 2;
		}
		if (function instanceof Fn3) {
			return 3;
		}
		if (function instanceof Fn4) {
			return 4;
		}
		return -1;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Object invoke(Object function, List<?> args) throws Exception {
		int arity = arity(function);
		if (arity < 0) {
			throw new IllegalArgumentException("Not a JParallel function: " + function.getClass().getName());
		}
		if (args.size() != arity) {
			throw new IllegalArgumentException(
					"Function takes " + arity + " argument(s) but was given " + args.size());
		}
		return switch (arity) {
			case 0 -> ((Fn0) function).apply();
			case 1 -> ((Fn1) function).apply(args.get(0));
			case 2 -> ((Fn2) function).apply(args.get(0), args.get(1));
			case 3 -> ((Fn3) function).apply(args.get(0), args.get(1), args.get(2));
			default -> ((Fn4) function).apply(args.get(0), args.get(1), args.get(2), args.get(3));
		};
	}

}
