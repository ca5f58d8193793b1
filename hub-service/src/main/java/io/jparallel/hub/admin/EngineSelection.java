package io.jparallel.hub.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The engines an admin request names: every registered one, or some ids.
 *
 * @param all every registered engine
 * @param ids the engine ids, sorted (empty with {@code all})
 */
public record EngineSelection(boolean all, List<Integer> ids) {

	public EngineSelection {
		ids = List.copyOf(ids);
		if (all && !ids.isEmpty()) {
			throw new IllegalArgumentException("Engines are 'all' or ids, not both");
		}
	}

	/**
	 * Reads {@code all}, or engine ids separated by commas or spaces ({@code 0,1,2}).
	 * @throws IllegalArgumentException if it names none, or an id is not a non-negative integer
	 */
	public static EngineSelection parse(@Nullable String engines) {
		if (engines == null || engines.isBlank()) {
			throw new IllegalArgumentException("Name the engines: 'all' or their ids, such as '0,1'");
		}
		String trimmed = engines.strip();
		if ("all".equalsIgnoreCase(trimmed) || "*".equals(trimmed)) {
			return new EngineSelection(true, List.of());
		}
		Set<Integer> ids = new TreeSet<>();
		for (String part : trimmed.split("[,\\s]+")) {
			if (part.isEmpty()) {
				continue;
			}
			try {
				int id = Integer.parseInt(part);
				if (id < 0) {
					throw new NumberFormatException();
				}
				ids.add(id);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not an engine id: '" + part + "' (expected 'all' or ids such as '0,1')");
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("Name the engines: 'all' or their ids, such as '0,1'");
		}
		return new EngineSelection(false, new ArrayList<>(ids));
	}

	@Override
	public String toString() {
		return this.all ? "all engines" : "engines " + this.ids;
	}

}
