package io.jparallel.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The circumstances of a run, reported with its figures.
 *
 * @param date when it started (ISO-8601)
 * @param command how it was started
 * @param durationSeconds how long the whole run took
 * @param engines engines per cluster, the same for both systems
 * @param quick whether the smaller counts were used
 * @param counts the workload sizes
 * @param machine the machine
 * @param versions software versions by name
 */
public record RunInfo(String date, String command, double durationSeconds, int engines, boolean quick, Counts counts,
		MachineInfo machine, Map<String, String> versions) {

	public RunInfo {
		versions = new LinkedHashMap<>(versions);
	}

}
