package io.jparallel.protocol.function;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/** What the JDK knows of a serializable lambda or method reference. */
public final class Lambdas {

	private Lambdas() {
	}

	/**
	 * The {@link SerializedLambda} a serializable lambda or method reference is written as (its
	 * {@code writeReplace}), or {@code null} if {@code lambda} is none.
	 */
	public static SerializedLambda serializedForm(Object lambda) {
		try {
			Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
			writeReplace.setAccessible(true);
			return (writeReplace.invoke(lambda) instanceof SerializedLambda serialized) ? serialized : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
