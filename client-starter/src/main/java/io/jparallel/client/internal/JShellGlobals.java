package io.jparallel.client.internal;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jparallel.client.internal.ReplClassCode.FieldRef;
import io.jparallel.client.internal.ReplClassCode.MethodCode;
import io.jparallel.client.internal.ReplClassCode.MethodRef;
import io.jparallel.protocol.function.GlobalVariable;
import io.jparallel.protocol.function.Lambdas;

/**
 * Finds the JShell top-level variables a function written in JShell reads. JShell keeps each one as a static
 * field of its snippet's wrapper class ({@code REPL.$JShell$7.k}), and a lambda reads that field rather
 * than capturing its value, so an engine, which loads the wrapper class afresh, would see the field's
 * default (0, null). The client ships these fields' current values with the function instead.
 * <p>
 * The variables are those the lambda's body reads, and, transitively, those read by the JShell methods it
 * calls (a top-level method, a method of a class declared in JShell, a nested lambda), and by JShell
 * lambdas held in the variables it reads. Functions not written in JShell cost one string comparison.
 */
public final class JShellGlobals {

	private JShellGlobals() {
	}

	/** A JShell variable a function reads, with its value now. */
	public record ReadVariable(GlobalVariable variable, Class<?> type, Object value) {

		/** The variable's name as the user wrote it. */
		public String name() {
			return this.variable.fieldName();
		}

	}

	/** The JShell variables {@code function} reads, with their current values; none if it is not JShell code. */
	public static List<ReadVariable> readBy(Object function) {
		if (function == null || !ReplClassCode.isReplClass(function.getClass().getName())) {
			return List.of();
		}
		ClassLoader loader = function.getClass().getClassLoader();
		Deque<MethodRef> work = new ArrayDeque<>();
		addRoots(function, work);
		Set<MethodRef> seen = new HashSet<>();
		Map<FieldRef, ReadVariable> read = new LinkedHashMap<>();
		while (!work.isEmpty()) {
			MethodRef method = work.pop();
			if (!seen.add(method)) {
				continue;
			}
			MethodCode code = code(method, loader);
			if (code == null) {
				continue;
			}
			work.addAll(code.calls());
			for (FieldRef field : code.staticReads()) {
				if (!read.containsKey(field)) {
					ReadVariable variable = variable(field, loader);
					if (variable != null) {
						read.put(field, variable);
						addRoots(variable.value(), work);
					}
				}
			}
		}
		return List.copyOf(read.values());
	}

	/** Where running {@code value} starts, if it is a JShell lambda or an instance of a JShell class. */
	private static void addRoots(Object value, Deque<MethodRef> work) {
		if (value == null || !ReplClassCode.isReplClass(value.getClass().getName())) {
			return;
		}
		Class<?> type = value.getClass();
		if (type.isHidden()) {
			SerializedLambda lambda = Lambdas.serializedForm(value);
			if (lambda != null) {
				if (ReplClassCode.isReplClass(lambda.getImplClass().replace('/', '.'))) {
					work.add(new MethodRef(lambda.getImplClass().replace('/', '.'), lambda.getImplMethodName(),
							lambda.getImplMethodSignature()));
				}
				for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
					addRoots(lambda.getCapturedArg(i), work);
				}
			}
			return;
		}
		for (Class<?> c = type; c != null && ReplClassCode.isReplClass(c.getName()); c = c.getSuperclass()) {
			for (String key : ReplClassCode.of(c).methods().keySet()) {
				int paren = key.indexOf('(');
				work.add(new MethodRef(c.getName(), key.substring(0, paren), key.substring(paren)));
			}
		}
	}

	/** The method's code, from its class or the nearest JShell superclass declaring it. */
	private static MethodCode code(MethodRef method, ClassLoader loader) {
		for (Class<?> c = load(method.owner(), loader); c != null && ReplClassCode.isReplClass(c.getName());
				c = c.getSuperclass()) {
			MethodCode code = ReplClassCode.of(c).method(method.name(), method.descriptor());
			if (code != null) {
				return code;
			}
		}
		return null;
	}

	/** The static field and its value, or {@code null} if it is not a settable static field. */
	private static ReadVariable variable(FieldRef ref, ClassLoader loader) {
		for (Class<?> c = load(ref.owner(), loader); c != null && ReplClassCode.isReplClass(c.getName());
				c = c.getSuperclass()) {
			Field field;
			try {
				field = c.getDeclaredField(ref.name());
			}
			catch (NoSuchFieldException ex) {
				continue;
			}
			int modifiers = field.getModifiers();
			if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
				return null;
			}
			try {
				field.setAccessible(true);
				return new ReadVariable(new GlobalVariable(c.getName(), field.getName()), field.getType(), field.get(null));
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	private static Class<?> load(String className, ClassLoader loader) {
		try {
			return Class.forName(className, false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
