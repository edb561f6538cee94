#!/usr/bin/env bash
# Orders stream: sustained orders/s into silver and p95 produce->silver latency at half that rate, against a plain
# Kafka consumer (read + parse) on the same messages in the same run. Embedded broker, scratch lake in bench/out.
# Usage: bench/industry-orders-stream.sh N [LIVE_SECONDS] [ORDERS_PER_DAY] [REFRESH_EVERY_SECONDS]
#   e.g. bench/industry-orders-stream.sh 40000 30 7500 60
set -euo pipefail
N="${1:?usage: bench/industry-orders-stream.sh ORDERS [LIVE_SECONDS]}"
LIVE="${2:-30}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
WORK="$OUT/industry-stream-$N-$$"
mkdir -p "$OUT"
cd "$ROOT"

source "$ROOT/bench/common.sh"

# shellcheck disable=SC2086
java -Xmx${BENCH_HEAP:-3g} $OPENS ${BENCH_JAVA_OPTS:-} -cp "$CP" io.shoplake.bench.IndustryOrdersStreamBench \
  "$N" "$WORK" "$LIVE" "${3:-0}" ${4:+"$4"}
rm -rf "$WORK"
