#!/usr/bin/env bash
# Next-order prediction benchmark: ./bench/run-prediction.sh [CUSTOMERS]  (default 1,000,000; ~10 orders each)
# Builds the project, compiles the bench source against it, generates Parquet under bench/out (once per size), then
# times summary + fit + scoring + gold write and prints them with a same-run reference.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CUSTOMERS="${1:-1000000}"
source "$ROOT/bench/common.sh"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx8g} $OPENS -cp "$CP" io.shoplake.bench.PredictionBench "$CUSTOMERS" "$OUT"
