"""Draws docs/benchmarks/chart.png from results.json: one bar per compared figure with its ratio
JParallel/ipyparallel (log scale), a 1x line, and the issue's target as a marker on each bar.

Bars are green when the target is met, red when not, grey without a target (for memory the target is
absolute, JParallel < 2 GiB, and only the colour shows it). Because some figures are
better higher and some lower, each label says which.

Usage: /usr/bin/python3 bench/chart.py docs/benchmarks/results.json docs/benchmarks/chart.png
"""
import json
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def target_value(target):
    """'≥ 10×' -> 10.0; '' or absolute targets -> None."""
    match = re.match(r"^[≥≤<>]\s*([\d.,]+)×$", target or "")
    return float(match.group(1).replace(",", "")) if match else None


def main(json_path, png_path):
    with open(json_path, encoding="utf-8") as f:
        results = json.load(f)
    rows = [r for r in results["comparison"] if r.get("ratio") is not None]
    if not rows:
        rows = []
    labels, ratios, colors, targets = [], [], [], []
    for r in rows:
        arrow = "↑" if r["better"].startswith("higher") else "↓"
        absolute = r["target"] and target_value(r["target"]) is None
        labels.append(f"{r['label']} ({arrow})" + (f"\n[colour: {r['target']}]" if absolute else ""))
        ratios.append(r["ratio"])
        colors.append({"met": "#2e7d32", "unmet": "#c62828"}.get(r["status"], "#9e9e9e"))
        targets.append(target_value(r["target"]))

    fig, ax = plt.subplots(figsize=(10, 0.55 * max(len(rows), 1) + 2))
    y = list(range(len(rows)))
    ax.barh(y, ratios, color=colors)
    ax.axvline(1.0, color="black", linewidth=1, linestyle="--", label="1× (parity)")
    marked = False
    for yi, t in zip(y, targets):
        if t is not None:
            ax.plot([t], [yi], marker="D", color="black", markersize=7, linestyle="none",
                    label=None if marked else "target")
            marked = True
    for yi, ratio in zip(y, ratios):
        ax.text(ratio, yi, f" {ratio:.3g}×", va="center", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=9)
    ax.invert_yaxis()
    if ratios and min(ratios) > 0:
        ax.set_xscale("log")
    ax.set_xlabel("JParallel / ipyparallel (log scale; ↑ higher is better, ↓ lower is better)")
    quick = " — quick counts" if results.get("quick") else ""
    ax.set_title(f"JParallel vs ipyparallel, {results.get('engines')} engines{quick}\n"
                 f"{results['machine']['cpu']}, {results['machine']['nproc']} CPUs, {results.get('date', '')}",
                 fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
