#!/usr/bin/env bash
# File ingest benchmark: bash bench/file-ingest.sh [ROWS] [WORKDIR]   (default 200000 rows; the full run is 10000000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-200000}"
WORK="${2:-$ROOT/bench/out/file-ingest}"
source "$ROOT/bench/common.sh"
rm -rf "$WORK/lake"
# shellcheck disable=SC2086
java -Xmx6g $OPENS -cp "$CP" io.shoplake.bench.FileIngestBench "$ROWS" "$WORK"
