package io.jparallel.scheduler.tasks;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How the scheduler picks among the engines that may take a task now (ipyparallel's schemes):
 * <ul>
 * <li>{@code pure}: no choice here; tasks go to one shared queue and the broker hands each to an engine
 * that asks (fastest, but no dependencies, restrictions or retries);</li>
 * <li>{@code lru}: the engine that was given a task least recently;</li>
 * <li>{@code leastload}: the engine with the fewest outstanding tasks (ties: least recently used);</li>
 * <li>{@code plainrandom}: any, at random;</li>
 * <li>{@code twobin}: two at random, the less recently used of the two;</li>
 * <li>{@code weighted}: two at random weighted by inverse load, the less loaded of the two.</li>
 * </ul>
 */
public enum Scheme {

	PURE, LRU, LEASTLOAD, PLAINRANDOM, TWOBIN, WEIGHTED;

	/**
	 * The scheme named, case-insensitive.
	 * @throws IllegalArgumentException listing the schemes there are
	 */
	public static Scheme of(String name) {
		try {
			return valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Unknown scheduling scheme '" + name
					+ "' (jparallel.scheduler.scheme): expected one of pure, lru, leastload, plainrandom, twobin, weighted");
		}
	}

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** One of {@code candidates} (not empty, in engine id order). */
	EngineSlot choose(List<EngineSlot> candidates, RandomGenerator random) {
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		return switch (this) {
			case LRU -> leastRecent(candidates.get(0), candidates);
			case LEASTLOAD -> leastLoaded(candidates);
			case PLAINRANDOM -> candidates.get(random.nextInt(candidates.size()));
			case TWOBIN -> {
				EngineSlot a = candidates.get(random.nextInt(candidates.size()));
				EngineSlot b = candidates.get(random.nextInt(candidates.size()));
				yield (a.lastAssigned() <= b.lastAssigned()) ? a : b;
			}
			case WEIGHTED -> {
				EngineSlot a = weightedPick(candidates, random);
				EngineSlot b = weightedPick(candidates, random);
				yield (a.load() <= b.load()) ? a : b;
			}
			case PURE -> throw new IllegalStateException("the pure scheme places no tasks itself");
		};
	}

	private static EngineSlot leastRecent(EngineSlot first, List<EngineSlot> candidates) {
		EngineSlot best = first;
		for (EngineSlot slot : candidates) {
			if (slot.lastAssigned() < best.lastAssigned()) {
				best = slot;
			}
		}
		return best;
	}

	private static EngineSlot leastLoaded(List<EngineSlot> candidates) {
		EngineSlot best = candidates.get(0);
		for (EngineSlot slot : candidates) {
			if (slot.load() < best.load() || (slot.load() == best.load() && slot.lastAssigned() < best.lastAssigned())) {
				best = slot;
			}
		}
		return best;
	}

	private static EngineSlot weightedPick(List<EngineSlot> candidates, RandomGenerator random) {
		double total = 0;
		for (EngineSlot slot : candidates) {
			total += 1.0 / (1 + slot.load());
		}
		double point = random.nextDouble() * total;
		for (EngineSlot slot : candidates) {
			point -= 1.0 / (1 + slot.load());
			if (point <= 0) {
				return slot;
			}
		}
		return candidates.get(candidates.size() - 1);
	}

}
