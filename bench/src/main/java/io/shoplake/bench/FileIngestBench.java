package io.shoplake.bench;

import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.lakehouse.TableId;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * File ingest throughput: a generated order_details-shaped CSV (about 50 bytes a row) through {@link FileIngest}
 * into bronze, against two references measured in the same run on the same file: Spark's own CSV reader
 * (multiLine, so it cannot split the file either) writing the same Iceberg table, and DuckDB's read_csv.
 * Usage: FileIngestBench ROWS WORKDIR
 */
public final class FileIngestBench {

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        Path csv = work.resolve("order_details.csv");
        generate(csv, rows);
        long bytes = Files.size(csv);
        System.out.printf("file: %s, %,d rows, %,d bytes%n", csv, rows, bytes);

        SparkSession spark = SparkSessions.create("local[2]", 4, false);
        Lakehouse lake = new Lakehouse(spark, LakeSettings.folder(work.resolve("lake")));
        lake.drop(TableId.bronze("order_details"));
        lake.drop(TableId.bronze("order_details_spark_csv"));

        // Warm-up on a small file so neither side pays for JIT and Spark's first-job start-up.
        Path warmUp = work.resolve("warm-up");
        Files.createDirectories(warmUp);
        generate(warmUp.resolve("order_details.csv"), 20_000);
        lake.drop(TableId.bronze("warm_up"));
        lake.drop(TableId.bronze("warm_up_spark_csv"));
        new FileIngest(lake)
                .ingest(FileIngestRequest.of(
                        warmUp.resolve("order_details.csv"),
                        TableId.bronze("warm_up"),
                        FileFormat.CSV,
                        RunLedger.newRunId(),
                        "bench-warm-up"));
        lake.append(
                TableId.bronze("warm_up_spark_csv"),
                spark.read()
                        .option("header", "true")
                        .option("multiLine", "true")
                        .csv(warmUp.resolve("order_details.csv").toString()));

        PhaseProfile profile = PhaseProfile.attach(spark);
        long start = System.nanoTime();
        List<FileIngestResult> results = new FileIngest(lake)
                .ingest(FileIngestRequest.of(
                        csv, TableId.bronze("order_details"), FileFormat.CSV, RunLedger.newRunId(), "bench"));
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        profile.print("shoplake FileIngest", ingestSeconds, 1);
        FileIngestResult result = results.get(0);
        if (result.rows() != rows) {
            throw new IllegalStateException(
                    "expected " + rows + " rows, loaded " + result + " (delete the work folder's lake?)");
        }

        start = System.nanoTime();
        Dataset<Row> sparkCsv = spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .csv(csv.toString());
        lake.append(TableId.bronze("order_details_spark_csv"), sparkCsv);
        double sparkSeconds = (System.nanoTime() - start) / 1e9;

        double duckSeconds = duckdb(csv, rows);

        System.out.printf(
                "shoplake FileIngest (hash + parse + bronze + ledgers): %6.2f s  %,12.0f rows/s%n",
                ingestSeconds, rows / ingestSeconds);
        System.out.printf(
                "Spark CSV reader -> Iceberg (reference):            %6.2f s  %,12.0f rows/s  ratio %.2f%n",
                sparkSeconds, rows / sparkSeconds, ingestSeconds / sparkSeconds);
        System.out.printf(
                "DuckDB read_csv count (reference):                  %6.2f s  %,12.0f rows/s  ratio %.2f%n",
                duckSeconds, rows / duckSeconds, ingestSeconds / duckSeconds);
        spark.stop();
    }

    private static double duckdb(Path csv, long rows) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM read_csv('" + csv + "', header = true, all_varchar = true)")) {
            result.next();
            if (result.getLong(1) != rows) {
                throw new IllegalStateException("DuckDB counted " + result.getLong(1) + " rows, expected " + rows);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void generate(Path csv, long rows) throws IOException {
        if (Files.exists(csv) && Files.lines(csv).count() == rows + 1) {
            return;
        }
        String[] statuses = {"Allocated", "Invoiced", "On Order", "No Stock"};
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("order_id,product_id,quantity,unit_price,discount,order_detail_status,date_allocated\n");
            for (long i = 0; i < rows; i++) {
                out.write(Long.toString(4001 + i / 3));
                out.write(',');
                out.write(Integer.toString(601 + random.nextInt(10)));
                out.write(',');
                out.write(Integer.toString(1 + random.nextInt(9)));
                out.write(',');
                out.write(String.format("%d.%02d", 10 + random.nextInt(90), random.nextInt(100)));
                out.write(',');
                out.write(String.format("%d.%02d", random.nextInt(10), random.nextInt(100)));
                out.write(',');
                out.write(statuses[random.nextInt(statuses.length)]);
                out.write(String.format(",2016-%02d-%02d%n", 1 + random.nextInt(12), 1 + random.nextInt(28)));
            }
        }
    }
}
