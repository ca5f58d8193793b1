package io.jparallel.protocol.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A static field a shipped function reads, which the engine sets before calling it: in practice a JShell
 * top-level variable, kept by JShell as a static field of its snippet's wrapper class
 * ({@code REPL.$JShell$7.k}).
 *
 * @param className the binary name of the class declaring the field
 * @param fieldName the field's name
 */
public record GlobalVariable(String className, String fieldName) {

	public GlobalVariable {
		Objects.requireNonNull(className, "className must not be null");
		Objects.requireNonNull(fieldName, "fieldName must not be null");
		if (className.isEmpty() || fieldName.isEmpty() || fieldName.indexOf('.') >= 0 || fieldName.indexOf(',') >= 0
				|| className.indexOf(',') >= 0) {
			throw new IllegalArgumentException("Not a static field name: " + className + "." + fieldName);
		}
	}

	/** {@code className.fieldName}, as it travels. */
	public String qualifiedName() {
		return this.className + "." + this.fieldName;
	}

	/** Parses {@code className.fieldName}. */
	public static GlobalVariable parse(String qualifiedName) {
		int dot = qualifiedName.lastIndexOf('.');
		if (dot <= 0 || dot == qualifiedName.length() - 1) {
			throw new IllegalArgumentException("Not a static field name: '" + qualifiedName + "'");
		}
		return new GlobalVariable(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
	}

	/** The content value listing {@code variables} (comma-separated qualified names). */
	public static String join(List<GlobalVariable> variables) {
		return variables.stream().map(GlobalVariable::qualifiedName).collect(Collectors.joining(","));
	}

	/** The variables a content value lists; none for {@code null} or blank. */
	public static List<GlobalVariable> parseAll(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		List<GlobalVariable> variables = new ArrayList<>();
		for (String name : commaSeparated.split(",")) {
			variables.add(parse(name.strip()));
		}
		return List.copyOf(variables);
	}

}
