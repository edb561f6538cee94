package io.shoplake.pipelines.customers360;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.quality.Action;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.ExpectationFailedException;
import io.shoplake.quality.ExpectationResult;
import io.shoplake.quality.ProductionChecksConfig;
import io.shoplake.quality.SchemaDrift;
import io.shoplake.quality.SchemaProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Loads customer exports into {@code bronze.c360_customer_records}: streamed record by record (never the whole
 * document in memory), written in batches, each file once by content hash (ops.files). A truncated or broken file
 * loads every record before the break; the break goes to quarantine with its byte offset and reason. The fields of
 * each file are profiled and compared with the previous day's (schema drift).
 */
public final class CustomerExportIngest {

    /** {@code customers-YYYY-MM-DD.json}: the day of an export, from its file name. */
    private static final Pattern DAY_IN_NAME = Pattern.compile("customers-(\\d{4}-\\d{2}-\\d{2})\\.json");

    static final StructType BRONZE_SCHEMA = new StructType()
            .add("day", DataTypes.DateType, false)
            .add("source", DataTypes.StringType, false)
            .add("position", DataTypes.LongType, false)
            .add("byte_offset", DataTypes.LongType, false)
            .add("raw_json", DataTypes.StringType, false)
            .add("file_sha256", DataTypes.StringType, false)
            .add("_run_id", DataTypes.StringType, false)
            .add("_ingested_at", DataTypes.TimestampType, false);

    /** What happened to one file. */
    public enum Status {
        LOADED,
        /** Loaded up to a break (truncated or malformed); the break is in quarantine. */
        LOADED_UP_TO_BREAK,
        /** This content was loaded before. */
        ALREADY_LOADED
    }

    /** One file's outcome. */
    public record FileResult(
            Path path,
            LocalDate day,
            Status status,
            long records,
            long quarantined,
            Optional<String> breakReason,
            Optional<String> schemaDrift) {
        public FileResult {
            requireNonNull(path, "path is null");
            requireNonNull(day, "day is null");
            requireNonNull(status, "status is null");
            requireNonNull(breakReason, "breakReason is null");
            requireNonNull(schemaDrift, "schemaDrift is null");
        }
    }

    private final Lakehouse lake;
    private final Customers360Config config;
    private final Consumer<String> progress;

    public CustomerExportIngest(Lakehouse lake, Customers360Config config, Consumer<String> progress) {
        this.lake = requireNonNull(lake, "lake is null");
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /**
     * The export files of {@code from} (a file, or the {@code .json} files of a folder, by name) with their days: the
     * date in the name, else {@code day}. A file with neither is an {@link IllegalArgumentException}.
     */
    public static List<Map.Entry<Path, LocalDate>> plan(Path from, Optional<LocalDate> day) {
        List<Path> files;
        if (Files.isDirectory(from)) {
            try (Stream<Path> list = Files.list(from)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(from)) {
            files = List.of(from);
        } else {
            throw new IllegalArgumentException("--from must be a file or a folder, was: " + from + " (not found)");
        }
        List<Map.Entry<Path, LocalDate>> plan = new ArrayList<>();
        for (Path file : files) {
            Optional<LocalDate> named = dayInName(file);
            LocalDate fileDay = day.or(() -> named)
                    .orElseThrow(() -> new IllegalArgumentException("no day for " + file.getFileName()
                            + ": name it customers-YYYY-MM-DD.json or give --day YYYY-MM-DD"));
            plan.add(Map.entry(file, fileDay));
        }
        plan.sort(Map.Entry.<Path, LocalDate>comparingByValue()
                .thenComparing(e -> e.getKey().toString()));
        return plan;
    }

    static Optional<LocalDate> dayInName(Path file) {
        Matcher m = DAY_IN_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Loads every planned file (in day order) under one run id; each file is a step in ops.runs. */
    public List<FileResult> ingest(List<Map.Entry<Path, LocalDate>> plan, String runId) {
        List<FileResult> results = new ArrayList<>();
        RunLedger runs = new RunLedger(lake);
        for (Map.Entry<Path, LocalDate> entry : plan) {
            FileResult[] result = new FileResult[1];
            runs.step(
                    runId,
                    Customers360Tables.JOB,
                    "ingest " + entry.getKey().getFileName(),
                    Optional.of(entry.getValue()),
                    List.of(),
                    List.of(Customers360Tables.BRONZE),
                    () -> {
                        result[0] = ingestFile(entry.getKey(), entry.getValue(), runId);
                        return new StepCounts(
                                result[0].records() + result[0].quarantined(),
                                result[0].records(),
                                result[0].quarantined());
                    });
            results.add(result[0]);
        }
        return results;
    }

    private FileResult ingestFile(Path file, LocalDate day, String runId) {
        String sha256 = sha256(file);
        FileLedger ledger = new FileLedger(lake);
        if (ledger.isLoaded(sha256, Customers360Tables.BRONZE)) {
            progress.accept(file.getFileName() + ": already loaded (same content), skipped");
            return new FileResult(file, day, Status.ALREADY_LOADED, 0, 0, Optional.empty(), Optional.empty());
        }
        // Rows of an earlier load of this content that never reached the ledger (the JVM died mid-file).
        deleteRowsOf(sha256);
        String source = file.toAbsolutePath().normalize().toString();
        Timestamp ingestedAt = Timestamp.from(Instant.now());
        Date date = Date.valueOf(day);
        List<Row> batch = new ArrayList<>();
        long[] written = {0};
        long started = System.nanoTime();
        CustomerExportReader.Summary summary;
        try {
            summary = CustomerExportReader.read(file, record -> {
                batch.add(RowFactory.create(
                        date,
                        source,
                        record.position(),
                        record.byteOffset(),
                        record.rawJson(),
                        sha256,
                        runId,
                        ingestedAt));
                if (batch.size() >= config.batchRecords()) {
                    written[0] += flush(batch);
                    progress.accept(String.format(
                            "%s: %,d records (%.0f s)",
                            file.getFileName(), written[0], (System.nanoTime() - started) / 1e9));
                }
            });
            written[0] += flush(batch);
        } catch (IOException e) {
            deleteRowsOf(sha256);
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteRowsOf(sha256);
            throw e;
        }
        long quarantined = 0;
        if (summary.broken().isPresent()) {
            CustomerExportReader.Break broken = summary.broken().get();
            Row row = RowFactory.create(
                    source, broken.position(), broken.partialText(), broken.reason(), runId, ingestedAt);
            new Quarantine(lake)
                    .append(Customers360Tables.BRONZE, lake.spark().createDataFrame(List.of(row), Quarantine.SCHEMA));
            quarantined = 1;
            progress.accept(file.getFileName() + ": " + broken.reason());
        }
        Optional<String> drift = checkSchema(day, runId, summary, sha256);
        ledger.record(new FileLedger.LoadedFile(
                source, size(file), sha256, Customers360Tables.BRONZE, runId, written[0], quarantined));
        return new FileResult(
                file,
                day,
                summary.broken().isPresent() ? Status.LOADED_UP_TO_BREAK : Status.LOADED,
                written[0],
                quarantined,
                summary.broken().map(CustomerExportReader.Break::reason),
                drift);
    }

    /** Compares the file's fields with the previous day's; records both. A FAIL drift removes the file's rows. */
    private Optional<String> checkSchema(
            LocalDate day, String runId, CustomerExportReader.Summary summary, String sha) {
        ProductionChecksConfig checks = config.quality();
        SchemaDrift drift = checks.schemaDrift("schema_drift");
        Map<String, String> fields = SchemaDrift.dominantTypes(summary.fields());
        SchemaProfiles profiles = new SchemaProfiles(lake);
        ExpectationResult result = drift.check(
                Customers360Tables.BRONZE.toString(), profiles.before(Customers360Tables.BRONZE, day), fields);
        new DqResults(lake).record(runId, Optional.of(day), List.of(result));
        if (result.action() == Action.FAIL && !result.passed()) {
            deleteRowsOf(sha);
            throw new ExpectationFailedException(result);
        }
        profiles.record(Customers360Tables.BRONZE, day, runId, fields);
        return result.passed() ? Optional.empty() : result.detail();
    }

    private long flush(List<Row> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        long n = batch.size();
        lake.append(Customers360Tables.BRONZE, lake.spark().createDataFrame(batch, BRONZE_SCHEMA), "day");
        batch.clear();
        return n;
    }

    private void deleteRowsOf(String sha256) {
        if (lake.exists(Customers360Tables.BRONZE)) {
            lake.sql(
                    "DELETE FROM " + lake.sqlName(Customers360Tables.BRONZE) + " WHERE file_sha256 = '" + sha256 + "'");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
