#!/usr/bin/env bash
# The flyer metric on local[2] against a two-worker Spark standalone cluster (1 core each, same 2 cores in total).
# Usage: bench/cluster.sh [EVENTS] [RUNS]     e.g. bench/cluster.sh 10000000
set -euo pipefail
N="${1:-1000000}"
RUNS="${2:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

source "$ROOT/bench/common.sh"

# shellcheck disable=SC2086
bench_events "$N" java -Xmx${BENCH_HEAP:-3g} $OPENS -cp "$CP" io.shoplake.cli.Main generate events --events "$N" \
  --format parquet --master 'local[2]'
echo "input: $(du -sh "$EVENTS" | cut -f1) of Parquet; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# A fresh work folder each run: the per-executor task log of an earlier run must not count in this run's skew.
rm -rf "$OUT/cluster-$N"
# The driver is this JVM; master and workers are JVMs of their own (stopped by pid when the bench ends).
# shellcheck disable=SC2086
java -Xmx${BENCH_HEAP:-3g} $OPENS ${BENCH_JAVA_OPTS:-} -cp "$CP" io.shoplake.bench.ClusterBench \
  "$EVENTS" "$OUT/cluster-$N" "$RUNS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
