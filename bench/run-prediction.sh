#!/usr/bin/env bash
# Next-order prediction benchmark: ./bench/run-prediction.sh [CUSTOMERS]  (default 1,000,000; ~10 orders each)
# Builds the project, compiles the bench source against it, generates Parquet under bench/out (once per size), then
# times summary + fit + scoring + gold write and prints them with a same-run reference.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CUSTOMERS="${1:-1000000}"
cd "$ROOT"
mvn -q -o -B -DskipTests package
OUT="$ROOT/bench/out"
mkdir -p "$OUT/classes"
CP="$ROOT/target/shoplake.jar:$(cat "$ROOT/target/classpath.txt")"
javac -d "$OUT/classes" -cp "$CP" bench/src/io/shoplake/bench/PredictionBench.java
OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xmx8g} $OPENS -cp "$OUT/classes:$CP" io.shoplake.bench.PredictionBench "$CUSTOMERS" "$OUT"
