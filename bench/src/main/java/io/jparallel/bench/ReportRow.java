package io.jparallel.bench;

/**
 * One line of the comparison: a figure for both systems, their ratio (JParallel/ipyparallel), which
 * direction is better, the target and whether it is met.
 *
 * @param key the metric key (as in results.json)
 * @param label what was measured
 * @param unit unit of the two figures
 * @param jparallel JParallel's figure, NaN if missing
 * @param ipyparallel ipyparallel's figure, NaN if missing or not applicable
 * @param ratio JParallel/ipyparallel, NaN if either is missing
 * @param better "higher is better" or "lower is better" (of the figures and of the ratio)
 * @param target the target, e.g. "≥ 10×", or "" if the issue sets none
 * @param status whether the target is met
 * @param note why a figure is missing, or what the target is measured against
 */
public record ReportRow(String key, String label, String unit, double jparallel, double ipyparallel, double ratio,
		String better, String target, Status status, String note) {

	/** Whether a target is met. */
	public enum Status {

		MET("met"), UNMET("UNMET"), NO_TARGET(""), MISSING("n/a");

		private final String text;

		Status(String text) {
			this.text = text;
		}

		public String text() {
			return this.text;
		}

	}

}
