package io.jparallel.engine.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The type a pushed value's variable is declared with: the most specific class snippets can name and,
 * for a collection or map of the JDK whose elements (keys, values) are all of one class snippets can
 * name, its type arguments, e.g. {@code java.util.ArrayList<java.lang.Integer>}, so that
 * {@code x.stream().map(v -> v * v)} compiles. Empty and mixed collections, and collection classes
 * outside {@code java.base} (whose type parameters need not be their element types), stay raw.
 *
 * @param raw the class
 * @param arguments its type arguments, or none for the raw class
 */
record DeclaredType(Class<?> raw, List<Class<?>> arguments) {

	static final DeclaredType OBJECT = new DeclaredType(Object.class, List.of());

	DeclaredType {
		arguments = List.copyOf(arguments);
	}

	/**
	 * @param value the pushed value
	 * @param visibleType the most specific supertype of a class that snippets can name
	 */
	static DeclaredType of(Object value, UnaryOperator<Class<?>> visibleType) {
		if (value == null) {
			return OBJECT;
		}
		Class<?> raw = visibleType.apply(value.getClass());
		List<Class<?>> arguments = List.of();
		if (raw.getModule() == Object.class.getModule()) {
			int parameters = raw.getTypeParameters().length;
			if (value instanceof Collection<?> collection && parameters == 1 && Collection.class.isAssignableFrom(raw)) {
				arguments = arguments(visibleType, collection);
			}
			else if (value instanceof Map<?, ?> map && parameters == 2 && Map.class.isAssignableFrom(raw)) {
				arguments = arguments(visibleType, map.keySet(), map.values());
			}
		}
		return new DeclaredType(raw, arguments);
	}

	/** One type argument per group of elements, or none if a group is empty or mixed. */
	private static List<Class<?>> arguments(UnaryOperator<Class<?>> visibleType, Collection<?>... groups) {
		List<Class<?>> arguments = new ArrayList<>(groups.length);
		for (Collection<?> group : groups) {
			Class<?> common = commonClass(group);
			Class<?> argument = (common != null) ? visibleType.apply(common) : Object.class;
			if (argument == Object.class) {
				return List.of();
			}
			arguments.add(argument);
		}
		return arguments;
	}

	/** The class of every non-null element, or {@code null} if there is none or more than one. */
	private static Class<?> commonClass(Collection<?> elements) {
		Class<?> common = null;
		for (Object element : elements) {
			if (element == null) {
				continue;
			}
			if (common == null) {
				common = element.getClass();
			}
			else if (element.getClass() != common) {
				return null;
			}
		}
		return common;
	}

	boolean isGeneric() {
		return !this.arguments.isEmpty();
	}

	DeclaredType withoutArguments() {
		return new DeclaredType(this.raw, List.of());
	}

	/** As written in a declaration, e.g. {@code java.util.HashMap<java.lang.String, java.lang.Integer>}. */
	String source() {
		String name = this.raw.getCanonicalName();
		if (this.arguments.isEmpty()) {
			return name;
		}
		return this.arguments.stream().map(Class::getCanonicalName).collect(Collectors.joining(", ", name + "<", ">"));
	}

	/** Whether a variable's field is declared with exactly this type, type arguments included. */
	boolean matches(Field field) {
		if (field.getType() != this.raw) {
			return false;
		}
		Type generic = field.getGenericType();
		if (!(generic instanceof ParameterizedType parameterized)) {
			return this.arguments.isEmpty();
		}
		return List.of(parameterized.getActualTypeArguments()).equals(this.arguments);
	}

}
