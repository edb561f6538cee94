package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import io.shoplake.testing.cluster.ChildJvm;
import io.shoplake.testing.cluster.ExecutorTaskLog;
import io.shoplake.testing.cluster.MiniHdfs;
import io.shoplake.testing.cluster.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The same CLI commands on a Spark standalone cluster (a master and two workers, each its own JVM) with the lake on
 * HDFS give the same tables as on {@code local[2]} with the lake in a local folder; and the cluster's executors on
 * both workers ran tasks, so the test cannot pass by running locally.
 */
class ClusterRunTest {

    /** Columns that hold when a run happened or which run it was: they differ between any two runs. */
    private static final Set<String> RUN_COLUMNS = Set.of(
            "run_id",
            "_run_id",
            "ingested_at",
            "_ingested_at",
            "loaded_at",
            "quarantined_at",
            "checked_at",
            "started_at",
            "ended_at");

    @TempDir
    Path work;

    @Test
    void ordersFlyersAndPredictionOnTwoWorkersAndHdfsEqualTheLocalRun() throws Exception {
        stopSharedSession();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path orders = work.resolve("input/orders");
        Path events = work.resolve("input/events");
        Path localLake = work.resolve("local-lake");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spark.executor.extraClassPath", classpath);
        properties.put("spark.executor.extraJavaOptions", String.join(" ", ChildJvm.moduleFlags()));
        properties.put("spark.executor.memory", "512m");
        properties.put("spark.executor.cores", "1");
        properties.put("spark.cores.max", "2");
        properties.put("spark.sql.shuffle.partitions", "4");
        properties.put("spark.hadoop.dfs.replication", "1");
        properties.put("spark.extraListeners", ExecutorTaskLog.class.getName());

        try (MiniHdfs hdfs = MiniHdfs.start(work, Duration.ofMinutes(2));
                StandaloneCluster cluster =
                        StandaloneCluster.start(work, classpath, 2, 1, "1g", Duration.ofMinutes(2))) {
            System.out.println("cluster-run: hdfs " + hdfs.uri() + " (pid " + hdfs.pid() + "), master "
                    + cluster.masterUrl() + ", pids " + cluster.pids());
            String hdfsLake = hdfs.uri() + "/shoplake/lake";
            ok(CliTestSupport.run(
                    "generate",
                    "orders",
                    "--out",
                    orders.toString(),
                    "--customers",
                    "40",
                    "--days",
                    "60",
                    "--seed",
                    "11"));
            ok(CliTestSupport.run(
                    "generate",
                    "events",
                    "--out",
                    events.toString(),
                    "--events",
                    "4000",
                    "--days",
                    "2",
                    "--seed",
                    "11",
                    "--format",
                    "csv",
                    "--master",
                    "local[2]"));
            withProperties(
                    properties,
                    work.resolve("tasks/cluster"),
                    () -> pipeline(cluster.masterUrl(), hdfsLake, orders, events));
            withProperties(
                    properties,
                    work.resolve("tasks/local"),
                    () -> pipeline("local[2]", localLake.toString(), orders, events));

            assertBothWorkersRanTasks(work.resolve("tasks/cluster"));
            assertThat(Files.list(work.resolve("tasks/local")).count()).isEqualTo(1);

            SparkSession spark = TestSpark.spark();
            Lakehouse onHdfs = new Lakehouse(spark, LakeSettings.at(hdfsLake));
            Lakehouse local = new Lakehouse(spark, LakeSettings.folder(localLake));
            assertSameTables(onHdfs, local);
        }
    }

    /**
     * The commands under test, on {@code master} with the lake at {@code lake}, in one Spark application: the session
     * is started exactly as the CLI starts it for {@code --master} ({@link Workspace#spark}), and each command, run
     * through the CLI with the same {@code --master} and {@code --lake}, borrows it as the CLI borrows a running
     * session. (A session per command would start cold executor JVMs five times.)
     */
    private static void pipeline(String master, String lake, Path orders, Path events) {
        List<String> at = List.of("--master", master, "--lake", lake);
        SparkSession spark = Workspace.spark(
                ShoplakeConfig.DEFAULT, CommandLine.populateCommand(new CommonOptions(), at.toArray(String[]::new)));
        try {
            assertThat(spark.sparkContext().master()).isEqualTo(master);
            ok(cli(List.of("ingest", "orders", "--from", orders.toString()), at));
            ok(cli(List.of("build", "orders"), at));
            ok(cli(List.of("ingest", "events", "--from", events.toString()), at));
            ok(cli(List.of("run", "flyer-engagement"), at));
            ok(cli(List.of("predict", "next-orders", "--top", "10", "--penalty", "0.1"), at));
        } finally {
            spark.stop();
        }
    }

    private static CliResult cli(List<String> command, List<String> at) {
        List<String> args = new ArrayList<>(command);
        args.addAll(at);
        long started = System.nanoTime();
        CliResult result = CliTestSupport.run(args.toArray(String[]::new));
        System.out.printf(
                "cluster-run: %s on %s: exit %d in %.1f s%n%s%n",
                String.join(" ", command),
                at.get(1),
                result.exitCode(),
                (System.nanoTime() - started) / 1e9,
                result.out().strip());
        return result;
    }

    private static void ok(CliResult result) {
        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
    }

    /**
     * The cluster application had its tasks done by executors the two workers launched: each
     * worker keeps a folder per executor it ran ({@code <work-dir>/<app id>/<executor id>}).
     */
    private void assertBothWorkersRanTasks(Path taskLogs) throws IOException {
        List<Path> apps;
        try (Stream<Path> files = Files.list(taskLogs)) {
            apps = files.sorted().toList();
        }
        assertThat(apps).hasSize(1);
        for (Path app : apps) {
            String appId = app.getFileName().toString().replace(".tsv", "");
            Map<String, Long> tasksByExecutor = new TreeMap<>();
            for (String line : Files.readAllLines(app)) {
                String[] fields = line.split("\t");
                tasksByExecutor.put(fields[1], Long.parseLong(fields[2]));
            }
            System.out.println("cluster-run: " + appId + " tasks by executor " + tasksByExecutor);
            assertThat(tasksByExecutor).as(appId).doesNotContainKey("driver");
            for (int worker = 1; worker <= 2; worker++) {
                Path appDir = work.resolve("worker-" + worker).resolve(appId);
                assertThat(appDir)
                        .as("worker %d ran an executor of %s", worker, appId)
                        .isDirectory();
                List<String> executors;
                try (Stream<Path> dirs = Files.list(appDir)) {
                    executors = dirs.map(d -> d.getFileName().toString()).toList();
                }
                assertThat(executors)
                        .as("executors of worker %d in %s that ran tasks (%s)", worker, appId, tasksByExecutor)
                        .anyMatch(id -> tasksByExecutor.getOrDefault(id, 0L) > 0);
            }
        }
    }

    private static void assertSameTables(Lakehouse cluster, Lakehouse local) {
        for (Layer layer : new Layer[] {Layer.SILVER, Layer.GOLD, Layer.QUARANTINE}) {
            List<TableId> tables = local.tables(layer);
            assertThat(cluster.tables(layer)).as(layer.namespace()).isEqualTo(tables);
            for (TableId table : tables) {
                List<List<Object>> expected = rows(local.read(table));
                List<List<Object>> actual = rows(cluster.read(table));
                if (layer != Layer.QUARANTINE) { // a clean input quarantines nothing
                    assertThat(expected)
                            .as("%s is empty in the local run", table)
                            .isNotEmpty();
                }
                assertThat(actual).as(table.toString()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertSameRow(table + " row " + i, actual.get(i), expected.get(i));
                }
            }
        }
        assertThat(local.tables(Layer.GOLD)).isNotEmpty();
    }

    /**
     * Equal values; doubles equal to a relative 1e-6: sums in another order differ in the last bits, and the
     * prediction's maximum-likelihood fit, started from such sums, stops at its tolerance (observed: 1e-8 apart).
     */
    private static void assertSameRow(String what, List<Object> actual, List<Object> expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int c = 0; c < expected.size(); c++) {
            Object e = expected.get(c);
            Object a = actual.get(c);
            if (e instanceof Double || e instanceof Float) {
                assertThat(a).as("%s column %d: %s vs %s", what, c, a, e).isInstanceOf(Number.class);
                double x = ((Number) e).doubleValue();
                double y = ((Number) a).doubleValue();
                assertThat(Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) + 1e-12)
                        .as("%s column %d: %s vs %s", what, c, a, e)
                        .isTrue();
            } else {
                assertThat(String.valueOf(a)).as("%s column %d", what, c).isEqualTo(String.valueOf(e));
            }
        }
    }

    /** The table's rows without run columns, sorted by their text with doubles to 4 significant digits. */
    private static List<List<Object>> rows(Dataset<Row> table) {
        String[] keep = Arrays.stream(table.columns())
                .filter(c -> !RUN_COLUMNS.contains(c))
                .toArray(String[]::new);
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : table.selectExpr(keep).collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(row.get(i));
            }
            rows.add(values);
        }
        rows.sort(java.util.Comparator.comparing(ClusterRunTest::sortKey));
        return rows;
    }

    private static String sortKey(List<Object> values) {
        StringBuilder key = new StringBuilder();
        for (Object value : values) {
            key.append(
                            value instanceof Double || value instanceof Float
                                    ? String.format("%.4g", ((Number) value).doubleValue())
                                    : String.valueOf(value))
                    .append('|');
        }
        return key.toString();
    }

    private static void withProperties(Map<String, String> properties, Path taskLog, Runnable body) {
        properties.forEach(System::setProperty);
        System.setProperty(ExecutorTaskLog.DIRECTORY_KEY, taskLog.toString());
        try {
            body.run();
        } finally {
            properties.keySet().forEach(System::clearProperty);
            System.clearProperty(ExecutorTaskLog.DIRECTORY_KEY);
        }
    }

    /** Each CLI command must start its own session on its master: the JVM's shared local one would be borrowed. */
    private static void stopSharedSession() {
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            existing.get().stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
