package io.jparallel.hub.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.domain.Specification;

import io.jparallel.hub.audit.TaskRecord;

/**
 * A query's conditions as JPA criteria on {@link TaskRecord}. As in ipyparallel (and MongoDB), {@code $ne}
 * and {@code $nin} also match records where the field is missing.
 */
public final class TaskSpecifications {

	/** The escape character of the {@code LIKE} patterns {@code $glob} makes. */
	static final char ESCAPE = '\\';

	private TaskSpecifications() {
	}

	/** All the conditions, as a specification for repositories. */
	public static Specification<TaskRecord> specification(List<Condition> conditions) {
		return Specification.where(predicate(conditions));
	}

	/** All the conditions. */
	public static PredicateSpecification<TaskRecord> predicate(List<Condition> conditions) {
		List<Condition> copy = List.copyOf(conditions);
		return (root, cb) -> {
			List<Predicate> predicates = new ArrayList<>(copy.size());
			for (Condition condition : copy) {
				predicates.add(predicate(root, cb, condition));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static Predicate predicate(From<?, TaskRecord> root, CriteriaBuilder cb, Condition condition) {
		Path<Object> path = root.get(condition.field().property());
		Object value = condition.value();
		Expression<Comparable> ordered = (Expression) path;
		return switch (condition.operator()) {
			case EXISTS -> Boolean.TRUE.equals(value) ? cb.isNotNull(path) : cb.isNull(path);
			case EQ -> (value == null) ? cb.isNull(path) : cb.equal(path, typed(path, value));
			case NE -> (value == null) ? cb.isNotNull(path) : cb.or(cb.notEqual(path, typed(path, value)), cb.isNull(path));
			case LT -> cb.lessThan(ordered, (Comparable) typed(path, value));
			case LTE -> cb.lessThanOrEqualTo(ordered, (Comparable) typed(path, value));
			case GT -> cb.greaterThan(ordered, (Comparable) typed(path, value));
			case GTE -> cb.greaterThanOrEqualTo(ordered, (Comparable) typed(path, value));
			case IN -> in(cb, path, (List<Object>) value, false);
			case NIN -> in(cb, path, (List<Object>) value, true);
			case GLOB -> cb.like(path.as(String.class), likePattern((String) value), ESCAPE);
		};
	}

	/**
	 * Whether the field is one of {@code values}, a {@code null} among them meaning missing; negated for
	 * {@code $nin}, where a missing field matches unless {@code null} is listed.
	 */
	private static Predicate in(CriteriaBuilder cb, Path<Object> path, List<Object> values, boolean negated) {
		List<Object> present = values.stream().filter(Objects::nonNull).map(value -> typed(path, value)).toList();
		boolean nullListed = present.size() < values.size();
		Predicate listed = present.isEmpty() ? cb.disjunction() : path.in(present);
		if (negated) {
			return nullListed ? cb.and(cb.not(listed), cb.isNotNull(path)) : cb.or(cb.not(listed), cb.isNull(path));
		}
		return nullListed ? cb.or(listed, cb.isNull(path)) : listed;
	}

	/** A number as the type of its column (an {@code Integer} engine id, a {@code Long} size). */
	private static Object typed(Path<?> path, Object value) {
		if (value instanceof Long number) {
			Class<?> type = path.getJavaType();
			if (type == Integer.class || type == int.class) {
				if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
					throw new InvalidQueryException(number + " is out of range for an integer field");
				}
				return number.intValue();
			}
			if (type == Short.class || type == short.class) {
				return number.shortValue();
			}
		}
		return value;
	}

	/**
	 * A glob as a SQL {@code LIKE} pattern: {@code *} any run of characters, {@code ?} one character;
	 * {@code %}, {@code _} and the escape character match themselves.
	 */
	public static String likePattern(String glob) {
		StringBuilder like = new StringBuilder(glob.length() + 8);
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			switch (c) {
				case '*' -> like.append('%');
				case '?' -> like.append('_');
				case '%', '_', ESCAPE -> like.append(ESCAPE).append(c);
				default -> like.append(c);
			}
		}
		return like.toString();
	}

}
