#!/usr/bin/env bash
# Flyer time per user and day: shoplake (Spark local[*]) against DuckDB on the same generated Parquet events.
# Usage: bench/flyer-time.sh N [RUNS] [variants]     e.g. bench/flyer-time.sh 10000000
set -euo pipefail
N="${1:?usage: bench/flyer-time.sh EVENTS [RUNS] [variants]}"
RUNS="${2:-2}"
VARIANTS="${3:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

source "$ROOT/bench/common.sh"

bench_events "$N" ./shoplake generate events --events "$N" --format parquet
echo "input: $(du -sh "$EVENTS" | cut -f1) of Parquet" >&2

# shellcheck disable=SC2086
java -Xmx${BENCH_HEAP:-8g} $OPENS ${BENCH_JAVA_OPTS:-} -cp "$CP" io.shoplake.bench.FlyerTimeBench \
  "$EVENTS" "$OUT/work-$N" "$RUNS" "$VARIANTS"
