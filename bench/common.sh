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
