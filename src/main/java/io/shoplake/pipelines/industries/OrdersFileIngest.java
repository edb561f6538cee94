package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Order history files (JSON Lines: one order per line) into {@code bronze.industry_orders_raw} with their file and
 * line, then silver, through {@link OrdersStore}; each file once by content hash ({@code ops.files}). A file cut off
 * half-way (killed process) is loaded again in full and the store skips what was already written.
 */
public final class OrdersFileIngest {

    public static final String JOB = "ingest-industry-orders";

    private static final StructType LINES =
            new StructType().add("value", DataTypes.StringType).add("line", DataTypes.LongType);

    private final Lakehouse lake;

    /** What happened to one file. */
    public record FileResult(Path file, String sha256, boolean alreadyLoaded, OrdersStore.Written written) {
        public FileResult {
            requireNonNull(file, "file is null");
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(written, "written is null");
        }
    }

    /** What one ingest did. */
    public record Result(String runId, List<FileResult> files, List<Path> ignored) {
        public Result {
            requireNonNull(runId, "runId is null");
            files = List.copyOf(files);
            ignored = List.copyOf(ignored);
        }

        public OrdersStore.Written total() {
            return files.stream()
                    .map(FileResult::written)
                    .reduce(OrdersStore.Written.none(), OrdersStore.Written::plus);
        }
    }

    public OrdersFileIngest(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Ingests a file, or a folder's {@code .jsonl}, {@code .ndjson} and {@code .json} files in name order. */
    public Result ingest(Path from, String runId) {
        List<FileResult> results = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        FileLedger ledger = new FileLedger(lake);
        for (Path file : list(from)) {
            if (Files.isDirectory(from) && !isOrdersFile(file)) {
                ignored.add(file);
                continue;
            }
            String sha256 = sha256(file);
            if (ledger.isLoaded(sha256, IndustryTables.BRONZE_ORDERS)) {
                results.add(new FileResult(file, sha256, true, OrdersStore.Written.none()));
                continue;
            }
            OrdersStore.Written[] written = new OrdersStore.Written[1];
            new RunLedger(lake)
                    .step(
                            runId,
                            JOB,
                            "load " + file.getFileName(),
                            Optional.empty(),
                            List.of(),
                            List.of(IndustryTables.BRONZE_ORDERS, IndustryTables.ORDERS, IndustryTables.ORDER_LINES),
                            () -> {
                                written[0] = new OrdersStore(lake).write(messages(file, sha256, runId), runId);
                                return new StepCounts(
                                        written[0].received(),
                                        written[0].added() + written[0].alreadyPresent(),
                                        written[0].quarantined());
                            });
            ledger.record(new FileLedger.LoadedFile(
                    file.toString(),
                    size(file),
                    sha256,
                    IndustryTables.BRONZE_ORDERS,
                    runId,
                    written[0].added() + written[0].alreadyPresent(),
                    written[0].quarantined()));
            results.add(new FileResult(file, sha256, false, written[0]));
        }
        return new Result(runId, results, ignored);
    }

    /**
     * A file's non-blank lines as bronze rows, numbered from 1 in file order. The source names the content too
     * ({@code path#sha256-prefix}): a new file under an old name is a new source.
     */
    Dataset<Row> messages(Path file, String sha256, String runId) {
        JavaRDD<Row> numbered = lake.spark()
                .read()
                .text(file.toUri().toString())
                .javaRDD()
                .zipWithIndex()
                .map(pair -> RowFactory.create(pair._1().getString(0), pair._2() + 1));
        String source = file + "#" + sha256.substring(0, 12);
        return lake.spark()
                .createDataFrame(numbered, LINES)
                .where(trim(col("value")).notEqual(""))
                .select(
                        col("value"),
                        lit(file.toString()).as("file"),
                        col("line"),
                        lit(null).cast(DataTypes.StringType).as("topic"),
                        lit(null).cast(DataTypes.IntegerType).as("partition"),
                        lit(null).cast(DataTypes.LongType).as("offset"),
                        lit(source).as("_source"),
                        col("line").as("_line"),
                        lit(null).cast(DataTypes.TimestampType).as("_produced_at"),
                        lit(runId).as("_run_id"),
                        lit(Timestamp.from(Instant.now())).as("_ingested_at"));
    }

    static boolean isOrdersFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
    }

    private static List<Path> list(Path from) {
        if (Files.isRegularFile(from)) {
            return List.of(from.toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from must be a file or a folder, was: " + from);
        }
        try (Stream<Path> entries = Files.list(from)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading feeds the digest
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
