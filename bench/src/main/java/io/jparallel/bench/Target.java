package io.jparallel.bench;

import java.util.Locale;

/**
 * A target from the issue: a figure must be at most or at least a threshold. Used for ratios
 * (JParallel/ipyparallel) and for absolute bounds such as total memory.
 *
 * @param atLeast whether the figure must be ≥ threshold (otherwise ≤, or &lt; when {@code strict})
 * @param threshold the bound
 * @param strict whether equality misses the target
 */
public record Target(boolean atLeast, double threshold, boolean strict) {

	public static Target atLeast(double threshold) {
		return new Target(true, threshold, false);
	}

	public static Target atMost(double threshold) {
		return new Target(false, threshold, false);
	}

	public static Target below(double threshold) {
		return new Target(false, threshold, true);
	}

	public boolean isMet(double value) {
		if (Double.isNaN(value)) {
			return false;
		}
		if (this.atLeast) {
			return this.strict ? value > this.threshold : value >= this.threshold;
		}
		return this.strict ? value < this.threshold : value <= this.threshold;
	}

	/** For example {@code ≥ 10×} or {@code < 2048 MiB}. */
	public String describe(String unit) {
		String op = this.atLeast ? (this.strict ? ">" : "≥") : (this.strict ? "<" : "≤");
		return op + " " + plain(this.threshold) + ("×".equals(unit) ? "×" : " " + unit);
	}

	/** 0.4 → "0.4", 10 → "10", 2048 → "2,048": a target is a round number, shown as written. */
	static String plain(double value) {
		java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.###",
				java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
		return format.format(value);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s", describe("×"));
	}

}
