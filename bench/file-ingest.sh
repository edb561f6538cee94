#!/usr/bin/env bash
# File ingest benchmark: bash bench/file-ingest.sh [ROWS] [WORKDIR]   (default 200000 rows; the full run is 10000000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-200000}"
WORK="${2:-$ROOT/bench/out/file-ingest}"
cd "$ROOT"
mvn -q -o -B test-compile
mvn -q -o -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p bench/out/classes
javac -d bench/out/classes -cp "$CP" $(find bench/src -name '*.java')
OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' pom.xml)"
rm -rf "$WORK/lake"
# shellcheck disable=SC2086
java -Xmx6g $OPENS -cp "bench/out/classes:$CP" io.shoplake.bench.FileIngestBench "$ROWS" "$WORK"
