#!/usr/bin/env bash
# Customer 360 end to end: generate N customers for two days, ingest and build day 1, then day 2 (incremental).
# Prints time per step, rows/s, and day 2 against day 1 (the reference measured in the same run).
# Usage: bench/customers360.sh N        e.g. bench/customers360.sh 100000
set -euo pipefail
N="${1:?usage: bench/customers360.sh CUSTOMERS}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/customers360-$N"
if [[ -n "${BENCH_CP:-}" ]]; then
  # A classpath built earlier (e.g. while another build uses target/): no compile here.
  CP="$BENCH_CP"
  OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
else
  source "$ROOT/bench/common.sh"
fi
rm -rf "$OUT" && mkdir -p "$OUT/exports"
LAKE="$OUT/lake"

shoplake() {
  # shellcheck disable=SC2086
  java -Xmx${BENCH_HEAP:-4g} $OPENS ${BENCH_JAVA_OPTS:-} -cp "$CP" io.shoplake.cli.Main "$@"
}
now() { date +%s.%N; }
field() { grep -o "\"$1\" : [0-9]*" "$2" | head -1 | grep -o '[0-9]*$'; }

declare -a LINES
step() { # name rows-field json-file seconds
  local rows; rows="$(field "$2" "$3")"
  LINES+=("$(printf '%-22s %10.1f s %12s rows %12.0f rows/s' "$1" "$4" "$rows" "$(echo "$rows / $4" | bc -l)")")
  echo "${LINES[-1]}" >&2
}
timed() { # name rows-field json-file command...
  local name="$1" rowsField="$2" json="$3"; shift 3
  local t0; t0="$(now)"
  shoplake "$@" --json >"$json"
  local t1; t1="$(now)"
  LAST="$(echo "$t1 - $t0" | bc -l)"
  step "$name" "$rowsField" "$json" "$LAST"
}

echo "customers360 bench: $N customers, lake $LAKE (each step is one CLI run: JVM + Spark start included)" >&2
timed "generate day 1" customers "$OUT/gen1.json" generate customers-json --customers "$N" --day 2024-06-01 --out "$OUT/exports"
timed "generate day 2" customers "$OUT/gen2.json" generate customers-json --customers "$N" --day 2024-06-02 --out "$OUT/exports"
timed "ingest day 1" records "$OUT/ingest1.json" ingest customers-json --from "$OUT/exports/customers-2024-06-01.json" --lake "$LAKE"; I1="$LAST"
timed "build day 1" records "$OUT/build1.json" build customers360 --day 2024-06-01 --lake "$LAKE"; B1="$LAST"
timed "ingest day 2" records "$OUT/ingest2.json" ingest customers-json --from "$OUT/exports/customers-2024-06-02.json" --lake "$LAKE"; I2="$LAST"
timed "build day 2" records "$OUT/build2.json" build customers360 --day 2024-06-02 --lake "$LAKE"; B2="$LAST"

echo
echo "customers360, N=$N ($(du -h "$OUT/exports/customers-2024-06-01.json" | cut -f1) per export)"
printf '%s\n' "${LINES[@]}"
printf 'day 2 / day 1: ingest %.2f, build %.2f\n' "$(echo "$I2 / $I1" | bc -l)" "$(echo "$B2 / $B1" | bc -l)"
echo "day 2 merged: $(field customers_changed "$OUT/build2.json") customers, $(field transactions_changed "$OUT/build2.json") transactions, $(field customer_versions_opened "$OUT/build2.json") customer versions opened"
