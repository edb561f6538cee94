package io.shoplake.bench;

import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.pipelines.flyers.FlyerTimeMetric;
import io.shoplake.pipelines.flyers.MetricSettings;
import io.shoplake.testing.cluster.ChildJvm;
import io.shoplake.testing.cluster.ExecutorTaskLog;
import io.shoplake.testing.cluster.StandaloneCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The flyer metric on the same Parquet events on {@code local[2]} and on a two-worker Spark standalone cluster of one
 * core each (the same two cores in total, every JVM on this machine): both times, their ratio (the cluster's
 * overhead at equal hardware) and how evenly the cluster's two executors shared the task time.
 *
 * <p>Usage: {@code ClusterBench EVENTS_DIR WORK_DIR [runs]}.
 */
public final class ClusterBench {

    private static final int SHUFFLE_PARTITIONS = 4;

    private ClusterBench() {}

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Files.createDirectories(work);
        String classpath = System.getProperty("java.class.path");

        System.setProperty("spark.extraListeners", ExecutorTaskLog.class.getName());
        System.setProperty(
                ExecutorTaskLog.DIRECTORY_KEY, work.resolve("tasks-local").toString());
        double local = best(times("local[2]", events, work.resolve("out-local"), runs));

        System.setProperty(
                ExecutorTaskLog.DIRECTORY_KEY, work.resolve("tasks-cluster").toString());
        System.setProperty("spark.executor.extraClassPath", classpath);
        System.setProperty("spark.executor.extraJavaOptions", String.join(" ", ChildJvm.moduleFlags()));
        System.setProperty("spark.executor.memory", System.getProperty("bench.executorMemory", "2g"));
        System.setProperty("spark.executor.cores", "1");
        System.setProperty("spark.cores.max", "2");
        double cluster;
        try (StandaloneCluster standalone = StandaloneCluster.start(
                work.resolve("cluster"),
                classpath,
                2,
                1,
                System.getProperty("bench.workerMemory", "3g"),
                Duration.ofMinutes(3))) {
            cluster = best(times(standalone.masterUrl(), events, work.resolve("out-cluster"), runs));
        }

        System.out.printf("local[2]:                     %.1f s (best of %d)%n", local, runs);
        System.out.printf("standalone, 2 workers x 1 core: %.1f s (best of %d)%n", cluster, runs);
        System.out.printf("ratio cluster / local: %.2f%n", cluster / local);
        skew(work.resolve("tasks-cluster"));
    }

    /** Times the metric {@code runs} times in one session on {@code master} (a first run warms the executors). */
    private static List<Double> times(String master, Path events, Path out, int runs) {
        SparkSession spark = SparkSessions.create(master, SHUFFLE_PARTITIONS, false);
        List<Double> times = new ArrayList<>();
        try {
            for (int run = 0; run <= runs; run++) {
                long started = System.nanoTime();
                spark.sparkContext().setJobDescription("bench flyer time on " + master);
                new FlyerTimeMetric(MetricSettings.DEFAULT)
                        .flyerTimeDaily(spark.read().parquet(events.toString()))
                        .write()
                        .mode(SaveMode.Overwrite)
                        .parquet(out.toString());
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%s run %d%s: %.1f s%n", master, run, run == 0 ? " (warm-up)" : "", seconds);
                if (run > 0) {
                    times.add(seconds);
                }
            }
        } finally {
            spark.stop();
        }
        return times;
    }

    /** Task time per executor over the whole cluster session, and max / mean. */
    private static void skew(Path taskLogs) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(taskLogs)) {
            for (Path file : files.toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        double total = 0;
        double max = 0;
        for (String line : lines) {
            String[] f = line.split("\t");
            double seconds = Long.parseLong(f[3]) / 1000.0;
            System.out.printf("executor %s: %s tasks, %.1f s of task time%n", f[1], f[2], seconds);
            total += seconds;
            max = Math.max(max, seconds);
        }
        System.out.printf(
                "task-time skew (max / mean over %d executors): %.2f%n", lines.size(), max / (total / lines.size()));
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
