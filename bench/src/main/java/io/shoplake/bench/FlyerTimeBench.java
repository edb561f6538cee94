package io.shoplake.bench;

import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.pipelines.flyers.FlyerTimeMetric;
import io.shoplake.pipelines.flyers.MetricSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Flyer time per user and day on the same Parquet events with shoplake (Spark local[*]) and DuckDB, in one process:
 * prints both times, the ratio and whether the results are identical (exit 1 if not). Default metric settings.
 *
 * <p>Usage: {@code FlyerTimeBench EVENTS_DIR WORK_DIR [runs] [variants]}; variants adds the naive Spark window query.
 */
public final class FlyerTimeBench {

    /** The metric as one SQL query (default settings), shared by DuckDB and the naive Spark variant. */
    private static String sql(String source, String micros, String nullsFirst) {
        return """
                WITH e AS (
                  SELECT user_id, %2$s AS t, local_date AS date,
                         CASE event WHEN 'flyer_open' THEN 1 WHEN 'item_open' THEN 2 WHEN 'favorite' THEN 100
                           WHEN 'flyer_close' THEN 101 WHEN 'list_flyers' THEN 104 WHEN 'shopping_list_open' THEN 105
                           ELSE 1000 END AS rnk,
                         event IN ('flyer_open', 'item_open') AS opens, flyer_id, merchant_id
                  FROM %1$s
                  WHERE user_id IS NOT NULL AND event_at IS NOT NULL
                    AND NOT (event IN ('flyer_open', 'item_open') AND flyer_id IS NULL)),
                v AS (
                  SELECT user_id, date, flyer_id, merchant_id, opens,
                         lead(t) OVER (PARTITION BY user_id ORDER BY t, rnk, flyer_id %3$s, merchant_id %3$s) - t AS gap
                  FROM e),
                r AS (
                  SELECT user_id, date, flyer_id, merchant_id, count(*) AS views, sum(gap) AS micros
                  FROM v WHERE opens AND gap < 1800000000 GROUP BY user_id, date, flyer_id, merchant_id)
                SELECT user_id, date, CAST(sum(views) AS BIGINT) AS views,
                       CAST(sum(micros) AS BIGINT) AS total_micros,
                       CAST(sum(micros) AS DOUBLE) / 1000000.0 / CAST(sum(views) AS DOUBLE) AS avg_seconds
                FROM r GROUP BY user_id, date
                """.formatted(source, micros, nullsFirst);
    }

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean variants = args.length > 3 && args[3].equals("variants");
        Files.createDirectories(work);
        int partitions = Integer.parseInt(System.getProperty("bench.shufflePartitions", "8"));
        SparkSession spark = SparkSessions.create("local[*]", partitions, false);
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        String sparkOut = work.resolve("spark-out").toString();
        String duckOut = work.resolve("duck-out.parquet").toString();
        String parquet = "read_parquet('" + events + "/*.parquet')";
        long eventCount = spark.read().parquet(events.toString()).count();

        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            for (int run = 1; run <= runs; run++) {
                times.computeIfAbsent("shoplake", k -> new ArrayList<>()).add(timed(() -> {
                    spark.sparkContext().setJobDescription("bench shoplake flyer time");
                    Dataset<Row> input = spark.read().parquet(events.toString());
                    new FlyerTimeMetric(MetricSettings.DEFAULT)
                            .flyerTimeDaily(input)
                            .write()
                            .mode(SaveMode.Overwrite)
                            .parquet(sparkOut);
                }));
                times.computeIfAbsent("duckdb", k -> new ArrayList<>())
                        .add(timed(() -> sql.execute("COPY (" + sql(parquet, "epoch_us(event_at)", "NULLS FIRST")
                                + ") TO '" + duckOut + "' (FORMAT parquet)")));
                if (variants) {
                    spark.read().parquet(events.toString()).createOrReplaceTempView("bench_events");
                    times.computeIfAbsent("spark-window-sql", k -> new ArrayList<>())
                            .add(timed(() -> spark.sql(sql("bench_events", "unix_micros(event_at)", "ASC NULLS FIRST"))
                                    .write()
                                    .mode(SaveMode.Overwrite)
                                    .parquet(work.resolve("window-out").toString())));
                }
            }
            String compare = """
                    WITH s AS (SELECT user_id, CAST(date AS DATE) AS date, views,
                                      CAST(total_seconds * 1000000 AS BIGINT) AS total_micros, avg_seconds
                               FROM read_parquet('%s/*.parquet')),
                         d AS (SELECT user_id, CAST(date AS DATE) AS date, views, total_micros, avg_seconds
                               FROM read_parquet('%s'))
                    SELECT (SELECT count(*) FROM s), (SELECT count(*) FROM d),
                           (SELECT count(*) FROM (SELECT * FROM s EXCEPT ALL SELECT * FROM d)),
                           (SELECT count(*) FROM (SELECT * FROM d EXCEPT ALL SELECT * FROM s)),
                           (SELECT sum(views) FROM d), (SELECT sum(total_micros) FROM d)
                    """.formatted(sparkOut, duckOut);
            try (ResultSet rs = sql.executeQuery(compare)) {
                rs.next();
                long sparkRows = rs.getLong(1);
                long duckRows = rs.getLong(2);
                boolean identical = sparkRows == duckRows && rs.getLong(3) == 0 && rs.getLong(4) == 0;
                double shoplake = best(times.get("shoplake"));
                double duckdb = best(times.get("duckdb"));
                System.out.printf(
                        "events: %,d   result rows: shoplake %,d, duckdb %,d   views %,d   seconds %,.0f%n",
                        eventCount, sparkRows, duckRows, rs.getLong(5), rs.getLong(6) / 1e6);
                for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
                    System.out.printf(
                            "%-18s best %7.2f s   runs %s%n",
                            entry.getKey(),
                            best(entry.getValue()),
                            entry.getValue().stream()
                                    .map(t -> String.format("%.2f", t))
                                    .toList());
                }
                System.out.printf("ratio shoplake/duckdb: %.2fx%n", shoplake / duckdb);
                if (variants) {
                    System.out.printf(
                            "ratio spark-window-sql/duckdb: %.2fx%n", best(times.get("spark-window-sql")) / duckdb);
                }
                System.out.println("results identical: " + (identical ? "yes" : "NO"));
                spark.stop();
                if (!identical) {
                    System.exit(1);
                }
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
