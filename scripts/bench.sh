#!/usr/bin/env bash
# Benchmarks JParallel against IPython parallel (same engines, same workloads) and measures the broker's
# own limit with RabbitMQ PerfTest; prints the comparison and writes docs/benchmarks/results.{md,json}
# and chart.png.
#   scripts/bench.sh [--no-build] [--engines N] [--quick] [--only jparallel|ipyparallel|broker|scale] [--scale N] [--out DIR]
# --quick uses smaller counts (for developing the runner); results are still written, marked as quick.
# --only scale (or --scale N) runs only the scale part: a cluster of 64 (N) engines; writes scale.md.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

scripts/install-prereqs.sh --bench
if [ "$build" = true ]; then
  mvn -B -q -DskipTests package
fi

export BENCH_COMMAND="scripts/bench.sh${*:+ $*}"
exec java -cp "bench/target/bench.jar:bench/target/lib/*" io.jparallel.bench.BenchmarkRunner "${args[@]+"${args[@]}"}"
