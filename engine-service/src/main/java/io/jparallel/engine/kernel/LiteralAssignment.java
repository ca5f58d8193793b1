package io.jparallel.engine.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;

/**
 * A code string that only gives a variable a literal value: {@code x = 5;} (an assignment expression,
 * displayed as its value) or {@code int x = 5;} / {@code var x = 5;} (a declaration, displayed as nothing).
 * Such code changes nothing but one variable, so the kernel sets the variable's field directly, or holds a
 * declaration until other code runs, instead of compiling the code with javac (~15 ms of CPU, and the JIT's
 * work on javac behind it, over a second when javac has not started). Only literals whose meaning is plain
 * are taken: decimal {@code int}, {@code long} and {@code double} literals (an optional minus sign; no
 * underscores, octal, hex or exponents), {@code true} and {@code false}, and string literals without
 * escapes, for variables of types {@code int}, {@code long}, {@code double}, {@code boolean} and
 * {@code String}. Anything else, including a literal javac would
 * reject (an {@code int} out of range, a {@code long} assigned to an {@code int}), goes to JShell, which
 * reports it as it always does.
 */
final class LiteralAssignment {

	private static final Pattern FORM = Pattern.compile(
			"\\s*(?:(int|long|double|boolean|String|java\\.lang\\.String|var)\\s+)?([A-Za-z_$][A-Za-z_$0-9]*)\\s*=\\s*"
					+ "(-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?[lLdD]?|true|false|\"[^\"\\\\\\r\\n]*\")\\s*;?\\s*");

	private final String declaredType;

	private final String name;

	private final String literal;

	private LiteralAssignment(String declaredType, String name, String literal) {
		this.declaredType = declaredType;
		this.name = name;
		this.literal = literal;
	}

	/** The assignment {@code code} is, or {@code null} if it is anything else. */
	static LiteralAssignment parse(String code) {
		if (code.length() > 200) {
			return null;
		}
		Matcher matcher = FORM.matcher(code);
		if (!matcher.matches() || SourceVersion.isKeyword(matcher.group(2))) {
			return null;
		}
		return new LiteralAssignment(matcher.group(1), matcher.group(2), matcher.group(3));
	}

	String name() {
		return this.name;
	}

	/** Whether the code declares the variable ({@code int x = 5;}) rather than assigning it. */
	boolean isDeclaration() {
		return this.declaredType != null;
	}

	/**
	 * The type a declaration gives its variable ({@code var}'s as javac infers it from the literal), or
	 * {@code null} for an assignment.
	 */
	Class<?> declaredClass() {
		if (this.declaredType == null) {
			return null;
		}
		return switch (this.declaredType) {
			case "int" -> int.class;
			case "long" -> long.class;
			case "double" -> double.class;
			case "boolean" -> boolean.class;
			case "var" -> inferredClass();
			default -> String.class;
		};
	}

	/** The type of the literal itself, as {@code var} takes it. */
	private Class<?> inferredClass() {
		if (this.literal.startsWith("\"")) {
			return String.class;
		}
		if (this.literal.equals("true") || this.literal.equals("false")) {
			return boolean.class;
		}
		char suffix = Character.toLowerCase(this.literal.charAt(this.literal.length() - 1));
		if (suffix == 'l') {
			return long.class;
		}
		return (suffix == 'd' || this.literal.indexOf('.') >= 0) ? double.class : int.class;
	}

	/**
	 * The value the literal gives a variable of {@code type} exactly as javac would compile it, or
	 * {@code null} if javac would reject it, convert it in a way not handled here, or the declared type
	 * is not {@code type}.
	 */
	Object valueFor(Class<?> type) {
		if (this.declaredType != null && declaredClass() != type) {
			return null;
		}
		if (type == String.class) {
			return this.literal.startsWith("\"") ? this.literal.substring(1, this.literal.length() - 1) : null;
		}
		if (type == boolean.class) {
			return switch (this.literal) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> null;
			};
		}
		if (this.literal.startsWith("\"") || this.literal.equals("true") || this.literal.equals("false")) {
			return null;
		}
		char suffix = Character.toLowerCase(this.literal.charAt(this.literal.length() - 1));
		boolean decimal = this.literal.indexOf('.') >= 0 || suffix == 'd';
		boolean longLiteral = suffix == 'l';
		String digits = (suffix == 'l' || suffix == 'd') ? this.literal.substring(0, this.literal.length() - 1)
				: this.literal;
		try {
			if (type == int.class) {
				return (decimal || longLiteral) ? null : Integer.valueOf(Integer.parseInt(digits));
			}
			if (type == long.class) {
				if (decimal) {
					return null;
				}
				// an int literal must fit an int even when assigned to a long
				return longLiteral ? Long.valueOf(Long.parseLong(digits)) : Long.valueOf(Integer.parseInt(digits));
			}
			if (type == double.class) {
				if (longLiteral) {
					return Double.valueOf(Long.parseLong(digits));
				}
				if (!decimal) {
					return Double.valueOf(Integer.parseInt(digits));
				}
				double value = Double.parseDouble(digits);
				return Double.isInfinite(value) ? null : Double.valueOf(value);
			}
		}
		catch (NumberFormatException ex) {
			// out of range: javac's error, reported by JShell
			return null;
		}
		return null;
	}
}
