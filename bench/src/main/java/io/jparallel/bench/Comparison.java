package io.jparallel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns both systems' results and the broker's limit into report rows, and judges each target of the issue:
 * ratios JParallel/ipyparallel for the workloads, load-balanced throughput against the broker's per-task
 * bound, and an absolute bound on the cluster's total memory under load.
 */
public final class Comparison {

	/** The memory budget for a 4-engine cluster under load. */
	public static final double RSS_BUDGET_MIB = 2048;

	private Comparison() {
	}

	public static List<ReportRow> rows(SystemResults jp, SystemResults ipp, BrokerResults broker, int engines) {
		List<ReportRow> rows = new ArrayList<>();
		for (Metric metric : Metric.values()) {
			double j = jp.value(metric).orElse(Double.NaN);
			double i = ipp.value(metric).orElse(Double.NaN);
			double ratio = j / i;
			String note = missing(jp, metric, "JParallel").or(() -> missing(ipp, metric, "ipyparallel")).orElse("");
			Target target = metric.target();
			String targetText = "";
			ReportRow.Status status = ReportRow.Status.NO_TARGET;
			if (target != null) {
				targetText = target.describe("×");
				status = Double.isNaN(ratio) ? ReportRow.Status.MISSING
						: target.isMet(ratio) ? ReportRow.Status.MET : ReportRow.Status.UNMET;
				if (metric == Metric.RSS_IDLE_MB && engines != 4 && note.isEmpty()) {
					note = "the target is for 4 engines; this run had " + engines;
				}
			}
			else if (metric == Metric.RSS_LOAD_MB) {
				Target budget = Target.below(RSS_BUDGET_MIB);
				targetText = "JParallel " + budget.describe("MiB");
				status = Double.isNaN(j) ? ReportRow.Status.MISSING
						: budget.isMet(j) ? ReportRow.Status.MET : ReportRow.Status.UNMET;
				if (engines != 4 && note.isEmpty()) {
					note = "the budget is for 4 engines; this run had " + engines;
				}
			}
			rows.add(new ReportRow(metric.key(), metric.label(), metric.unit(), j, i, ratio, metric.better().label(),
					targetText, status, note));
		}
		rows.add(brokerShare(jp, broker));
		rows.add(hubAuditWait(jp));
		return rows;
	}

	/**
	 * The seconds JParallel's run waited, between workloads, for its hub to record the workloads before: the
	 * cost of auditing in the background, outside the workloads' own figures. ipyparallel's hub records as it
	 * goes, so it has no such wait.
	 */
	static ReportRow hubAuditWait(SystemResults jp) {
		Double waited = jp.metrics().get(JParallelWorkloads.HUB_AUDIT_WAIT_S);
		return new ReportRow(JParallelWorkloads.HUB_AUDIT_WAIT_S, "Hub's audit catching up between workloads (total)",
				"s", (waited != null) ? waited : Double.NaN, Double.NaN, Double.NaN, Metric.Better.LOWER.label(), "",
				ReportRow.Status.NO_TARGET, "JParallel only: each workload after the round trips starts once the hub "
						+ "has recorded the ones before it");
	}

	/** Load-balanced tasks/s as a share of what the broker allows per task (its limit / publishes per task). */
	static ReportRow brokerShare(SystemResults jp, BrokerResults broker) {
		double tasks = jp.value(Metric.LB_TASKS_PER_S).orElse(Double.NaN);
		double bound = (broker != null) ? broker.perTaskBound() : Double.NaN;
		double share = tasks / bound;
		Target target = Target.atLeast(BrokerResults.TARGET_SHARE_OF_BOUND);
		String note = String.format(Locale.ROOT, "JParallel tasks/s ÷ (broker limit / %d publishes per task)",
				BrokerResults.PUBLISHES_PER_TASK);
		return new ReportRow("lb_share_of_broker_bound", "LB throughput / broker per-task bound", "×", share, Double.NaN,
				Double.NaN, Metric.Better.HIGHER.label(), target.describe("×"),
				Double.isNaN(share) ? ReportRow.Status.MISSING
						: target.isMet(share) ? ReportRow.Status.MET : ReportRow.Status.UNMET,
				note);
	}

	private static Optional<String> missing(SystemResults results, Metric metric, String system) {
		if (results.value(metric).isPresent()) {
			return Optional.empty();
		}
		return Optional.of(system + ": " + results.error(metric).orElse("not measured"));
	}

}
