#!/usr/bin/env bash
# Orders ingest + silver build benchmark against DuckDB on the same files, in the same run.
#   bash bench/ingest-orders.sh [ORDER_ITEMS] [WORKDIR]   (default 200000 items; the full run is 10000000)
# Prints generation time, both engines' times, rows/s and the ratio. Needs ~1.2 GB of disk per 10 M items.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITEMS="${1:-200000}"
WORK="${2:-$ROOT/bench/out/ingest-orders}"
cd "$ROOT"
# The bench profile compiles bench/src/main/java with the test classpath (DuckDB is a test dependency).
mvn -q -o -B -Pbench test-compile
mvn -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' pom.xml)"
mkdir -p "$WORK"
# shellcheck disable=SC2086
java -Xmx8g $OPENS -cp "$CP" io.shoplake.bench.OrdersIngestBench "$ITEMS" "$WORK"
