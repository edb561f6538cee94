package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.StepRun;
import io.shoplake.lakehouse.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Loads files into a bronze table, each file exactly once (by content SHA-256, through {@code ops.files}): raw values
 * as strings plus {@code _source}, {@code _line}, {@code _run_id}, {@code _ingested_at}; unparsable records to the
 * table's quarantine with their reason; every file's load recorded in {@code ops.runs}.
 */
public final class FileIngest {

    /** Bytes per parse task: a big file is parsed and written by several tasks, split at record boundaries. */
    static final long BYTES_PER_PARTITION = 64L << 20;

    private final Lakehouse lake;
    private final RunLedger runs;
    private final FileLedger files;
    private final Quarantine quarantine;
    private final BronzeWriter bronze;

    private final long chunkBytes;
    /** Tests make the load die between the bronze commit and the ledger row, as a crash would. */
    private Runnable failAfterBronzeCommit = () -> {};

    public FileIngest(Lakehouse lake) {
        this(lake, BYTES_PER_PARTITION);
    }

    /** Tests use tiny chunks so small files exercise the parallel parse. */
    FileIngest(Lakehouse lake, long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 byte, was: " + chunkBytes);
        }
        this.chunkBytes = chunkBytes;
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = new RunLedger(lake);
        this.files = new FileLedger(lake);
        this.quarantine = new Quarantine(lake);
        this.bronze = new BronzeWriter(lake);
    }

    /** For tests: the next loads die right after their bronze commit, before {@code ops.files} is written. */
    void failAfterBronzeCommit(Runnable failure) {
        this.failAfterBronzeCommit = requireNonNull(failure, "failure is null");
    }

    /**
     * Ingests a file, or every regular non-hidden file of a folder in name order; returns one result per file.
     *
     * @throws IllegalArgumentException when the path is neither a file nor a folder
     */
    public List<FileIngestResult> ingest(FileIngestRequest request) {
        List<Path> all = list(request.path());
        List<FileIngestResult> results = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path path : all) {
            Optional<String> problem = unreadable(path);
            if (problem.isPresent()) {
                results.add(FileIngestResult.unusable(path, request.target(), "", path + ": " + problem.get()));
                recordFailure(request, path, path + ": " + problem.get());
            } else {
                paths.add(path);
            }
        }
        List<String> uris = paths.stream().map(p -> p.toUri().toString()).toList();
        List<SparkFileParse.Fingerprint> prints =
                JobPhase.run(lake.spark(), "ingest: hash", () -> SparkFileParse.fingerprints(lake.spark(), uris));
        Timestamp ingestedAt = Timestamp.from(Instant.now());
        Set<String> loaded = JobPhase.run(
                lake.spark(),
                "ingest: ledger lookup",
                () -> files.loaded(
                        prints.stream().map(SparkFileParse.Fingerprint::sha256).toList(), request.target()));
        // The bronze commits themselves say which files they hold: a load whose ledger row was lost (a crash between
        // the two) is not loaded twice, and its ledger row is written now.
        Map<String, LoadMarkers.Marker> committed =
                JobPhase.run(lake.spark(), "ingest: ledger lookup", () -> LoadMarkers.loaded(lake, request.target()));
        Map<String, LoadMarkers.Marker> quarantined = JobPhase.run(
                lake.spark(),
                "ingest: ledger lookup",
                () -> LoadMarkers.loaded(lake, request.target().quarantine()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            SparkFileParse.Fingerprint print = prints.get(i);
            Path path = paths.get(i);
            String sha = print.sha256();
            if (!seen.add(sha) || loaded.contains(sha)) {
                results.add(FileIngestResult.alreadyLoaded(path, request.target(), sha));
            } else if (committed.containsKey(sha)) {
                LoadMarkers.Marker marker = committed.get(sha);
                LoadMarkers.Marker rejects = quarantined.get(sha);
                files.record(new FileLedger.LoadedFile(
                        marker.path(),
                        print.size(),
                        sha,
                        request.target(),
                        marker.runId(),
                        marker.addedRecords(),
                        rejects == null ? 0 : rejects.addedRecords()));
                results.add(FileIngestResult.alreadyLoaded(path, request.target(), sha));
            } else {
                if (quarantined.containsKey(sha)) {
                    // An earlier attempt quarantined this file's rejects and died before its bronze commit.
                    undoQuarantine(request.target(), quarantined.get(sha));
                }
                results.add(load(request, path, print, ingestedAt));
            }
        }
        results.sort(java.util.Comparator.comparing(FileIngestResult::path));
        return List.copyOf(results);
    }

    /**
     * Replaces earlier loads: every file the request names is first unloaded (its bronze rows, its quarantined
     * records, its {@code ops.files} rows, whatever content it had then), then ingested again.
     */
    public List<FileIngestResult> reload(FileIngestRequest request) {
        for (Path path : list(request.path())) {
            unload(path.toString(), request.target());
        }
        return ingest(request);
    }

    /** Removes what loads of {@code source} (a file's absolute path) wrote into {@code table}. */
    private void unload(String source, TableId table) {
        Set<String> hashes = new java.util.TreeSet<>(files.hashesOf(source, table));
        LoadMarkers.loaded(lake, table).values().stream()
                .filter(m -> m.path().equals(source))
                .forEach(m -> hashes.add(m.sha256()));
        LoadMarkers.loaded(lake, table.quarantine()).values().stream()
                .filter(m -> m.path().equals(source))
                .forEach(m -> hashes.add(m.sha256()));
        List<String> undone = List.copyOf(hashes);
        deleteWhere(table.quarantine(), "source", source, undone);
        deleteWhere(table, "_source", source, undone);
        files.forget(source, table);
    }

    /** Deletes the rows of {@code table} whose {@code column} is {@code value}, in one marked commit. */
    private void deleteWhere(TableId table, String column, String value, List<String> undone) {
        if (!lake.exists(table)) {
            return;
        }
        LoadMarkers.writeUnloading(
                undone,
                () -> lake.spark()
                        .sql("DELETE FROM " + lake.sqlName(table) + " WHERE " + BronzeWriter.quote(column) + " = "
                                + FileLedger.sqlString(value)));
    }

    /** Removes the quarantined records an unfinished attempt wrote. */
    private void undoQuarantine(TableId target, LoadMarkers.Marker attempt) {
        lake.spark()
                .sql("DELETE FROM " + lake.sqlName(target.quarantine()) + " WHERE source = "
                        + FileLedger.sqlString(attempt.path()) + " AND run_id = "
                        + FileLedger.sqlString(attempt.runId()));
    }

    /** Why a listed file cannot be read, if it cannot: a dangling link, a folder, no permission. */
    static Optional<String> unreadable(Path path) {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            return Optional.of("a symbolic link to a file that does not exist");
        }
        if (!Files.exists(path)) {
            return Optional.of("no such file");
        }
        if (Files.isDirectory(path)) {
            return Optional.of("a folder, not a file");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("not a regular file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("not readable (permission denied)");
        }
        return Optional.empty();
    }

    private void recordFailure(FileIngestRequest request, Path path, String message) {
        runs.record(StepRun.failedBeforeStart(
                request.runId(), request.job(), "load " + request.target() + " from " + path.getFileName(), message));
    }

    /**
     * The files a path stands for: the file itself, or a folder's entries not starting with '.' or '_' (sub-folders
     * left out; dangling links and unreadable files kept, so they are reported instead of skipped in silence).
     */
    static List<Path> list(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path.toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(path)) {
            if (Files.isSymbolicLink(path)) {
                return List.of(path.toAbsolutePath().normalize());
            }
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> !Files.isDirectory(p))
                    .filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().startsWith("_"))
                    .map(p -> p.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list folder " + path + ": " + e.getMessage(), e);
        }
    }

    private FileIngestResult load(
            FileIngestRequest request, Path path, SparkFileParse.Fingerprint print, Timestamp ingestedAt) {
        TableId target = request.target();
        String step = "load " + target + " from " + path.getFileName();
        long[] blankLines = new long[1];
        try {
            var run = runs.step(
                    request.runId(),
                    request.job(),
                    step,
                    Optional.empty(),
                    List.of(),
                    List.of(target, target.quarantine()),
                    () -> {
                        LoadCounts counts = loadFile(request, path, print, ingestedAt);
                        blankLines[0] = counts.blankLines();
                        return counts.step();
                    });
            StepCounts counts = run.counts();
            return FileIngestResult.loaded(
                    path,
                    target,
                    print.sha256(),
                    counts.rowsIn(),
                    counts.rowsOut(),
                    counts.rowsQuarantined(),
                    blankLines[0]);
        } catch (UnusableFileException e) {
            return FileIngestResult.unusable(path, target, print.sha256(), e.getMessage());
        }
    }

    private record LoadCounts(StepCounts step, long blankLines) {}

    private LoadCounts loadFile(
            FileIngestRequest request, Path path, SparkFileParse.Fingerprint print, Timestamp ingestedAt) {
        ParseSpec spec = request.parseSpec();
        List<String> columns = header(path, spec);
        HeaderRules.problem(
                        request.format(),
                        spec.hasHeader(),
                        columns,
                        request.requiredColumns().orElse(List.of()))
                .ifPresent(problem -> {
                    throw new UnusableFileException(path + ": " + problem);
                });
        ParseSummary summary = JobPhase.run(
                lake.spark(),
                "ingest: boundary pass",
                () -> SparkFileParse.summarise(lake.spark(), print.uri(), spec, chunkBytes));
        List<Chunk> chunks = summary.chunks(columns);
        String source = path.toString();
        // Rejects first, then the bronze rows: the bronze commit carries the file's hash (LoadMarkers), so once it is
        // in, the file is loaded; an attempt that dies before it leaves marked rejects that the next attempt removes.
        long quarantined = 0;
        if (summary.rejects() > 0) {
            // Usually the counting pass kept the few rejects; only a file with very many is parsed again for them.
            Dataset<Row> parsed = summary.keptAllRejects()
                    ? SparkFileParse.rejects(lake.spark(), summary.keptRejects())
                    : SparkFileParse.parse(lake.spark(), print.uri(), spec, chunks, columns.size());
            LoadMarkers.writeMarked(
                    print.sha256(),
                    source,
                    request.runId(),
                    () -> JobPhase.run(
                            lake.spark(),
                            "ingest: parse + quarantine write",
                            () -> quarantine.append(
                                    request.target(),
                                    Quarantine.records(
                                            SparkFileParse.ofKind(parsed, SparkFileParse.REJECT),
                                            lit(source),
                                            col(SparkFileParse.LINE),
                                            col(SparkFileParse.RAW),
                                            col(SparkFileParse.REASON),
                                            request.runId()))));
            quarantined = bronze.addedRecords(request.target().quarantine());
        }
        // Even a file with no data records commits (an empty append): the table exists and the commit is the marker.
        long written = 0;
        {
            List<Column> values = request.format() == FileFormat.JSON_LINES
                    ? jsonColumns(summary.keys(), path)
                    : positionalColumns(columns);
            values.add(lit(source).as("_source"));
            values.add(col(SparkFileParse.LINE).as("_line"));
            values.add(lit(request.runId()).as("_run_id"));
            values.add(lit(ingestedAt).as("_ingested_at"));
            Dataset<Row> parsed = SparkFileParse.parse(lake.spark(), print.uri(), spec, chunks, columns.size());
            long[] appended = new long[1];
            LoadMarkers.writeMarked(
                    print.sha256(),
                    source,
                    request.runId(),
                    () -> appended[0] = JobPhase.run(
                            lake.spark(),
                            "ingest: parse + bronze write",
                            () -> bronze.append(
                                    request.target(),
                                    SparkFileParse.ofKind(parsed, SparkFileParse.DATA)
                                            .select(values.toArray(Column[]::new)))));
            written = appended[0];
        }
        failAfterBronzeCommit.run();
        // Written counts come from the Iceberg commits, read counts from the separate counting pass.
        if (written != summary.data() || quarantined != summary.rejects()) {
            throw new IllegalStateException(
                    path + " does not reconcile: " + summary.data() + " data records and " + summary.rejects()
                            + " rejects read, " + written + " rows written, " + quarantined + " quarantined");
        }
        StepCounts counts = new StepCounts(summary.data() + summary.rejects(), written, quarantined);
        long rowsWritten = written;
        long rowsQuarantined = quarantined;
        JobPhase.run(
                lake.spark(),
                "ingest: ops.files",
                () -> files.record(new FileLedger.LoadedFile(
                        source,
                        print.size(),
                        print.sha256(),
                        request.target(),
                        request.runId(),
                        rowsWritten,
                        rowsQuarantined)));
        return new LoadCounts(counts, summary.blankLines());
    }

    /** The header's columns, read on the driver from the file's first record only (or the given names). */
    private static List<String> header(Path path, ParseSpec spec) {
        if (!spec.hasHeader()) {
            return spec.columnNames();
        }
        try (InputStream in = Files.newInputStream(path);
                RecordParser parser = FileParser.open(in, spec)) {
            return parser.columns();
        } catch (UnusableFileException e) {
            throw new UnusableFileException(path + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static List<Column> positionalColumns(List<String> columns) {
        List<Column> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            values.add(col(SparkFileParse.valueColumn(i)).as(columns.get(i)));
        }
        return values;
    }

    /** JSON Lines columns: every key seen in the file, in order of first appearance. */
    private static List<Column> jsonColumns(List<String> keys, Path path) {
        List<Column> values = new ArrayList<>();
        for (String name : keys) {
            if (HeaderRules.METADATA.contains(name)) {
                throw new UnusableFileException(path + ": JSON field '" + name + "' is reserved for ingest metadata");
            }
            values.add(col(SparkFileParse.FIELDS).getItem(name).as(name));
        }
        return values;
    }
}
