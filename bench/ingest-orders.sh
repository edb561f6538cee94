#!/usr/bin/env bash
# Orders ingest + silver build benchmark against DuckDB on the same files, in the same run.
#   bash bench/ingest-orders.sh [ORDER_ITEMS] [WORKDIR]   (default 200000 items; the full run is 10000000)
# Prints generation time, both engines' times, rows/s and the ratio. Needs ~1.2 GB of disk per 10 M items.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITEMS="${1:-200000}"
WORK="${2:-$ROOT/bench/out/ingest-orders}"
source "$ROOT/bench/common.sh"
mkdir -p "$WORK"
# shellcheck disable=SC2086
java -Xmx8g $OPENS -cp "$CP" io.shoplake.bench.OrdersIngestBench "$ITEMS" "$WORK"
