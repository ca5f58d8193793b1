package io.jparallel.bench;

import java.util.Locale;

/** Number formatting shared by the console table and the markdown report: 3 significant digits, no exponent. */
public final class Format {

	private Format() {
	}

	public static String number(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "–";
		}
		double abs = Math.abs(value);
		if (abs >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		if (abs >= 1 || abs == 0) {
			return String.format(Locale.ROOT, "%.2f", value);
		}
		return String.format(Locale.ROOT, "%.3g", value);
	}

	public static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "–" : number(ratio) + "×";
	}

	public static double mib(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

}
