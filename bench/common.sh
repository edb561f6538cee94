# Sourced by the bench scripts: compiles shoplake and bench/src/main/java (with the test
# classpath because DuckDB is a test dependency), then sets CP (the classpath) and OPENS (the JVM flags Spark needs).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -Dstyle.color=never test-compile
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# Without the cluster test's unshaded Hadoop (hadoop-minicluster and what only it brings; the pom's surefire
# classpathDependencyExcludes): beside Spark's shaded Hadoop client it would clash.
TEST_ONLY="$(sed -n 's|.*<classpathDependencyExclude>\([^:]*\):\([^<]*\)</classpathDependencyExclude>.*|\1 \2|p' "$ROOT/pom.xml" \
  | while read -r group artifact; do echo "/${group//.//}/$artifact/"; done)"
DEPS="$(tr ':' '\n' < "$ROOT/target/bench-classpath.txt" | grep -v -F "$TEST_ONLY" | paste -sd: -)"
CP="$ROOT/target/classes:$ROOT/target/test-classes:$DEPS"
OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
export CP OPENS

# bench_events N COMMAND [ARGS...]: sets OUT (bench/out) and EVENTS (bench/out/events-N), and runs
# COMMAND ARGS --out "$EVENTS" unless an earlier run finished it (its _SUCCESS marker). The events are deterministic
# for the seed, so every run of flyer-time.sh and cluster.sh at a size reuses the one folder.
bench_events() {
  local n="$1"
  shift
  OUT="$ROOT/bench/out"
  EVENTS="$OUT/events-$n"
  mkdir -p "$OUT"
  if [[ ! -f "$EVENTS/_SUCCESS" ]]; then
    echo "generating $n events into $EVENTS ..." >&2
    "$@" --out "$EVENTS" >&2
  fi
}
