package io.jparallel.protocol.tasks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which engines may run a task, by their properties (the seeds' {@code Task.depend(properties)}):
 * clauses separated by {@code ;}, all of which must hold. A clause is {@code key} (present and not
 * {@code false}), {@code !key} (absent or {@code false}), or {@code key OP value} with {@code OP} one of
 * {@code == != >= <= > <}; values compare as numbers when both sides are numbers, else as text (only
 * {@code ==} and {@code !=} for text). Example: {@code gpu; mem_gb >= 16; os == linux}.
 */
public final class Requirement {

	private static final Pattern COMPARISON = Pattern.compile("\\s*([^!=<>\\s]+)\\s*(==|!=|>=|<=|>|<|=)\\s*(.*?)\\s*");

	private static final Pattern KEY = Pattern.compile("\\s*(!?)\\s*([^!=<>\\s]+)\\s*");

	private static final Requirement ANY = new Requirement("", List.of());

	private final String text;

	private final List<Clause> clauses;

	private Requirement(String text, List<Clause> clauses) {
		this.text = text;
		this.clauses = clauses;
	}

	/** Every engine. */
	public static Requirement any() {
		return ANY;
	}

	/**
	 * Reads a requirement; {@code null} or blank is {@link #any()}.
	 * @throws IllegalArgumentException naming the clause that is not understood
	 */
	public static Requirement parse(String text) {
		if (text == null || text.isBlank()) {
			return ANY;
		}
		List<Clause> clauses = new ArrayList<>();
		for (String part : text.split(";")) {
			if (part.isBlank()) {
				continue;
			}
			Matcher comparison = COMPARISON.matcher(part);
			Matcher key = KEY.matcher(part);
			if (comparison.matches()) {
				String op = comparison.group(2).equals("=") ? "==" : comparison.group(2);
				String value = comparison.group(3);
				if (value.isEmpty()) {
					throw new IllegalArgumentException("Requirement clause '" + part.strip() + "' has no value after " + op);
				}
				if (!op.equals("==") && !op.equals("!=") && number(value) == null) {
					throw new IllegalArgumentException(
							"Requirement clause '" + part.strip() + "' compares with " + op + " but '" + value + "' is not a number");
				}
				clauses.add(new Clause(comparison.group(1), op, value));
			}
			else if (key.matches()) {
				clauses.add(new Clause(key.group(2), key.group(1).isEmpty() ? "present" : "absent", null));
			}
			else {
				throw new IllegalArgumentException("Cannot read requirement clause '" + part.strip()
						+ "': expected key, !key or key OP value with OP one of == != >= <= > <");
			}
		}
		return clauses.isEmpty() ? ANY : new Requirement(text.strip(), List.copyOf(clauses));
	}

	/** Whether an engine with these properties may run the task. */
	public boolean matches(Map<String, String> properties) {
		for (Clause clause : this.clauses) {
			if (!clause.holds(properties)) {
				return false;
			}
		}
		return true;
	}

	public boolean isAny() {
		return this.clauses.isEmpty();
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static BigDecimal number(String text) {
		try {
			return (text != null) ? new BigDecimal(text.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Clause(String key, String op, String value) {

		boolean holds(Map<String, String> properties) {
			String actual = properties.get(this.key);
			switch (this.op) {
				case "present":
					return actual != null && !"false".equalsIgnoreCase(actual.strip());
				case "absent":
					return actual == null || "false".equalsIgnoreCase(actual.strip());
				default:
					break;
			}
			if (actual == null) {
				return "!=".equals(this.op);
			}
			BigDecimal left = number(actual);
			BigDecimal right = number(this.value);
			int order = (left != null && right != null) ? left.compareTo(right) : actual.strip().compareTo(this.value);
			boolean numeric = left != null && right != null;
			return switch (this.op) {
				case "==" -> numeric ? order == 0 : actual.strip().equals(this.value);
				case "!=" -> numeric ? order != 0 : !actual.strip().equals(this.value);
				case ">=" -> numeric && order >= 0;
				case "<=" -> numeric && order <= 0;
				case ">" -> numeric && order > 0;
				case "<" -> numeric && order < 0;
				default -> false;
			};
		}

	}

}
