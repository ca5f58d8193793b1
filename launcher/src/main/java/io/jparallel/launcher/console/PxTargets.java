package io.jparallel.launcher.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The engines a {@code %px} runs on, as ipyparallel's {@code --targets} takes them: {@code all}, engine ids
 * ({@code 0,2}), or a Python slice of the registered ids ({@code 1::2}, {@code :2}, {@code -1:}).
 */
public sealed interface PxTargets {

	/** The engine ids among {@code ids} (the registered engines, ascending). */
	List<Integer> resolve(List<Integer> ids);

	/** Every registered engine. */
	record All() implements PxTargets {

		@Override
		public List<Integer> resolve(List<Integer> ids) {
			return List.copyOf(ids);
		}

		@Override
		public String toString() {
			return "all";
		}

	}

	/** These engine ids, in this order. */
	record Ids(List<Integer> engineIds) implements PxTargets {

		public Ids {
			engineIds = List.copyOf(engineIds);
		}

		@Override
		public List<Integer> resolve(List<Integer> ids) {
			return this.engineIds;
		}

		@Override
		public String toString() {
			return String.join(",", this.engineIds.stream().map(String::valueOf).toList());
		}

	}

	/** {@code ids[start:stop:step]}, Python's way: missing bounds mean the ends, negative ones count from the end. */
	record Slice(Integer start, Integer stop, int step) implements PxTargets {

		public Slice {
			if (step == 0) {
				throw new IllegalArgumentException("a slice step cannot be zero");
			}
		}

		@Override
		public List<Integer> resolve(List<Integer> ids) {
			int n = ids.size();
			List<Integer> chosen = new ArrayList<>();
			if (this.step > 0) {
				int from = bound(this.start, n, 0, 0, n);
				int to = bound(this.stop, n, n, 0, n);
				for (int i = from; i < to; i += this.step) {
					chosen.add(ids.get(i));
				}
			}
			else {
				int from = bound(this.start, n, n - 1, -1, n - 1);
				int to = bound(this.stop, n, -1, -1, n - 1);
				for (int i = from; i > to; i += this.step) {
					chosen.add(ids.get(i));
				}
			}
			return chosen;
		}

		private static int bound(Integer index, int n, int absent, int low, int high) {
			if (index == null) {
				return absent;
			}
			int i = (index < 0) ? index + n : index;
			return Math.max(low, Math.min(high, i));
		}

		@Override
		public String toString() {
			return text(this.start) + ":" + text(this.stop) + ((this.step == 1) ? "" : ":" + this.step);
		}

		private static String text(Integer index) {
			return (index == null) ? "" : index.toString();
		}

	}

	/**
	 * Parses a {@code --targets} value.
	 * @throws IllegalArgumentException if it is none of the forms above
	 */
	static PxTargets parse(String spec) {
		String text = spec.strip();
		if (text.equalsIgnoreCase("all") || text.equals("*")) {
			return new All();
		}
		try {
			if (text.contains(":")) {
				String[] parts = text.split(":", -1);
				if (parts.length > 3) {
					throw new IllegalArgumentException("a slice has at most 3 parts: " + spec);
				}
				Integer start = optionalInt(parts[0]);
				Integer stop = optionalInt(parts[1]);
				Integer step = (parts.length == 3) ? optionalInt(parts[2]) : null;
				return new Slice(start, stop, (step == null) ? 1 : step);
			}
			List<Integer> ids = new ArrayList<>();
			for (String part : text.replace("[", "").replace("]", "").split(",")) {
				if (!part.isBlank()) {
					ids.add(Integer.parseInt(part.strip()));
				}
			}
			if (ids.isEmpty()) {
				throw new IllegalArgumentException("no engine ids in --targets '" + spec + "'");
			}
			return new Ids(ids);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--targets takes all, engine ids (0,2) or a slice (1::2), not '" + spec + "'");
		}
	}

	private static Integer optionalInt(String text) {
		return text.isBlank() ? null : Integer.valueOf(text.strip());
	}

}
