package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * App events from CSV or JSON Lines files (a file or a folder drop; each file loaded once by content hash) into
 * {@code bronze.events} through the file ingest, then typed into {@code silver.events}.
 */
public final class EventsIngest {

    public static final String JOB = "ingest-events";
    public static final TableId BRONZE = TableId.bronze("events");

    private final Lakehouse lake;
    private final EventsSilver silver;

    /** What one ingest did: per file, and for silver (rows read from this run's bronze rows, added, rejected). */
    public record Result(
            String runId,
            List<FileIngestResult> files,
            List<Path> ignored,
            long silverIn,
            long silverAdded,
            long silverAlreadyPresent,
            long silverQuarantined) {
        public Result {
            files = List.copyOf(files);
            ignored = List.copyOf(ignored);
        }
    }

    public EventsIngest(Lakehouse lake, MetricSettings settings) {
        this.lake = requireNonNull(lake, "lake is null");
        this.silver = new EventsSilver(EventTypes.accepted(requireNonNull(settings, "settings is null")));
    }

    /** The format of an events file by its extension; empty for files that are not events files. */
    public static Optional<FileFormat> formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(FileFormat.CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Optional.of(FileFormat.JSON_LINES);
        }
        return Optional.empty();
    }

    public Result ingest(Path from, String runId) {
        return ingest(from, runId, false);
    }

    /** Ingests {@code from}; with {@code reload} the files' earlier loads are replaced (FileIngest#reload). */
    public Result ingest(Path from, String runId, boolean reload) {
        List<Path> candidates = list(from);
        List<FileIngestResult> files = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        FileIngest ingest = new FileIngest(lake);
        for (Path file : candidates) {
            Optional<FileFormat> format = formatOf(file);
            if (format.isEmpty()) {
                ignored.add(file);
                continue;
            }
            FileIngestRequest request = FileIngestRequest.of(file, BRONZE, format.get(), runId, JOB)
                    .withRequiredColumns(EventsSilver.SOURCE_COLUMNS);
            files.addAll(reload ? ingest.reload(request) : ingest.ingest(request));
        }
        boolean loaded = files.stream().anyMatch(f -> f.status() == FileStatus.LOADED && f.rows() > 0);
        if (!loaded) {
            return new Result(runId, files, ignored, 0, 0, 0, 0);
        }
        long[] counts = new long[4];
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "silver",
                        Optional.empty(),
                        List.of(BRONZE),
                        List.of(FlyerEngagementTables.EVENTS, FlyerEngagementTables.EVENTS.quarantine()),
                        () -> {
                            Dataset<Row> bronze =
                                    lake.read(BRONZE).where(col("_run_id").equalTo(lit(runId)));
                            EventsSilver.Conformed conformed = silver.conform(bronze, runId);
                            Dataset<Row> valid = conformed.events().persist(StorageLevel.MEMORY_AND_DISK());
                            Dataset<Row> rejects = conformed.rejects().persist(StorageLevel.MEMORY_AND_DISK());
                            try {
                                counts[0] = bronze.count();
                                long validCount = valid.count();
                                counts[3] = rejects.count();
                                counts[1] = new EventsStore(lake).appendNew(valid);
                                counts[2] = validCount - counts[1];
                                if (counts[3] > 0) {
                                    new Quarantine(lake).append(FlyerEngagementTables.EVENTS, rejects);
                                }
                                // Events already in silver (a replayed drop) are accounted for, not written twice.
                                return new StepCounts(counts[0], validCount, counts[3]);
                            } finally {
                                valid.unpersist();
                                rejects.unpersist();
                            }
                        });
        return new Result(runId, files, ignored, counts[0], counts[1], counts[2], counts[3]);
    }

    private static List<Path> list(Path from) {
        if (Files.isRegularFile(from) || Files.isSymbolicLink(from)) {
            return List.of(from);
        }
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from must be a file or a folder, was: " + from);
        }
        try (Stream<Path> entries = Files.list(from)) {
            // Dangling links and unreadable files stay in, so the file ingest reports them instead of a silent skip.
            return entries.filter(p -> !Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
        }
    }
}
