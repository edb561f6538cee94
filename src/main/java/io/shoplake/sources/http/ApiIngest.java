package io.shoplake.sources.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Loads a JSON API into {@code bronze.api_<name>}, one Iceberg commit per page, so a run that fails half-way keeps
 * every page it committed. Each record is kept as received (compact JSON) with its URL, page and fetch time; a page
 * that is not the expected JSON goes to quarantine and fails the run.
 */
public final class ApiIngest {

    /** Columns of every {@code bronze.api_<name>} table. */
    public static final StructType SCHEMA = new StructType()
            .add("record", DataTypes.StringType, false)
            .add("cursor", DataTypes.StringType, true)
            .add("url", DataTypes.StringType, false)
            .add("page", DataTypes.IntegerType, false)
            .add("fetched_at", DataTypes.TimestampType, false)
            .add("run_id", DataTypes.StringType, false);

    public static final String JOB = "ingest-api";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one run did. {@code skipped} records were not newer than {@code since} (already loaded); {@code since}
     * and {@code newestCursor} are null for a non-incremental source.
     */
    public record Result(
            TableId table,
            String runId,
            int pages,
            long fetched,
            long loaded,
            long skipped,
            int retries,
            String since,
            String newestCursor) {}

    private final Lakehouse lake;
    private final RunLedger runs;
    private final Clock clock;
    private final HttpFetcher.Sleeper sleeper;
    private final Consumer<String> progress;

    public ApiIngest(Lakehouse lake, RunLedger runs, Clock clock, Consumer<String> progress) {
        this(lake, runs, clock, progress, duration -> Thread.sleep(duration.toMillis()));
    }

    ApiIngest(Lakehouse lake, RunLedger runs, Clock clock, Consumer<String> progress, HttpFetcher.Sleeper sleeper) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** The bronze table of an API source. */
    public static TableId table(String name) {
        return TableId.bronze("api_" + name);
    }

    public Result run(ApiRequest request, String runId) {
        TableId table = table(request.name());
        Optional<String> since =
                request.incremental().flatMap(inc -> newestCursor(table).or(inc::initialSince));
        Result[] result = new Result[1];
        runs.step(runId, JOB, table.toString(), Optional.empty(), List.of(), List.of(table), () -> {
            result[0] = fetchPages(request, table, since, runId);
            return new StepCounts(result[0].fetched(), result[0].loaded(), 0);
        });
        return result[0];
    }

    /** What loading a saved response did; {@code alreadyLoaded} when a file with the same content was loaded before. */
    public record SavedResult(TableId table, String runId, String file, long loaded, boolean alreadyLoaded) {}

    /**
     * Loads a saved response (a file holding one page of the API) into {@code bronze.api_<name>}, each file content
     * once (by SHA-256, in {@code ops.files}); a malformed file is quarantined and fails the run.
     */
    public SavedResult loadSaved(
            String name, Path file, Optional<String> recordsPath, Optional<String> cursorField, String runId) {
        TableId table = table(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ApiSourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String sha256 = sha256(bytes);
        FileLedger ledger = new FileLedger(lake);
        String source = file.toAbsolutePath().normalize().toUri().toString();
        if (ledger.isLoaded(sha256, table)) {
            return new SavedResult(table, runId, source, 0, true);
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        long[] loaded = new long[1];
        runs.step(runId, JOB, table.toString(), Optional.empty(), List.of(), List.of(table), () -> {
            List<JsonNode> records;
            try {
                records = records(body, recordsPath);
            } catch (MalformedPageException e) {
                quarantine(table, URI.create(source), 0, body, e.getMessage(), runId);
                throw new ApiSourceException(
                        file + " is malformed (" + e.getMessage() + "): quarantined in " + table.quarantine());
            }
            Timestamp fetchedAt = Timestamp.from(clock.instant());
            List<Row> rows = new ArrayList<>();
            for (JsonNode record : records) {
                rows.add(RowFactory.create(
                        record.toString(),
                        cursorField.map(field -> cursor(record, field)).orElse(null),
                        source,
                        0,
                        fetchedAt,
                        runId));
            }
            if (!rows.isEmpty()) {
                lake.append(table, lake.spark().createDataFrame(rows, SCHEMA));
            }
            ledger.record(new FileLedger.LoadedFile(source, bytes.length, sha256, table, runId, rows.size(), 0));
            loaded[0] = rows.size();
            return new StepCounts(rows.size(), rows.size(), 0);
        });
        return new SavedResult(table, runId, source, loaded[0], false);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The newest cursor value already in the table (string order: ISO-8601 dates and times sort correctly). */
    public Optional<String> newestCursor(TableId table) {
        if (!lake.exists(table)) {
            return Optional.empty();
        }
        Row row = lake.read(table).agg(functions.max("cursor")).first();
        return Optional.ofNullable(row.getString(0));
    }

    private Result fetchPages(ApiRequest request, TableId table, Optional<String> since, String runId) {
        HttpFetcher fetcher = new HttpFetcher(request.retry(), request.timeout(), request.headers(), sleeper);
        int page = request.paging().map(ApiRequest.Paging::firstPage).orElse(0);
        int pages = 0;
        long fetched = 0;
        long loaded = 0;
        long skipped = 0;
        int retries = 0;
        Optional<String> newest = since;
        while (true) {
            if (pages == request.maxPages()) {
                throw new ApiSourceException("stopped after " + request.maxPages() + " pages (--max-pages) with more "
                        + "to fetch; " + loaded + " records from " + pages + " pages were committed to " + table
                        + "; the next run continues after them");
            }
            URI uri = pageUri(request, since, page);
            HttpFetcher.Fetched response;
            try {
                response = fetcher.get(uri);
            } catch (ApiSourceException e) {
                throw new ApiSourceException(e.getMessage() + "; " + kept(loaded, pages, table), e);
            }
            retries += response.attempts() - 1;
            List<JsonNode> records;
            try {
                records = records(response.body(), request.recordsPath());
            } catch (MalformedPageException e) {
                quarantine(table, uri, page, response.body(), e.getMessage(), runId);
                throw new ApiSourceException("page " + page + " of " + uri + " is malformed (" + e.getMessage()
                        + "): quarantined in " + table.quarantine() + "; " + kept(loaded, pages, table));
            }
            pages++;
            fetched += records.size();
            List<Row> rows = new ArrayList<>();
            Timestamp fetchedAt = Timestamp.from(clock.instant());
            for (JsonNode record : records) {
                Optional<String> cursor = request.incremental().map(inc -> cursor(record, inc.cursorField()));
                if (since.isPresent() && cursor.isPresent() && cursor.get().compareTo(since.get()) <= 0) {
                    skipped++;
                    continue;
                }
                if (cursor.isPresent() && (newest.isEmpty() || cursor.get().compareTo(newest.get()) > 0)) {
                    newest = cursor;
                }
                rows.add(RowFactory.create(
                        record.toString(), cursor.orElse(null), uri.toString(), page, fetchedAt, runId));
            }
            if (!rows.isEmpty()) {
                lake.append(table, lake.spark().createDataFrame(rows, SCHEMA));
                loaded += rows.size();
            }
            progress.accept("page " + page + ": " + records.size() + " records, " + rows.size() + " new");
            boolean lastPage = request.paging()
                    .map(paging -> records.size() < paging.size())
                    .orElse(true);
            if (lastPage) {
                break;
            }
            page++;
        }
        return new Result(
                table, runId, pages, fetched, loaded, skipped, retries, since.orElse(null), newest.orElse(null));
    }

    private static String kept(long loaded, int pages, TableId table) {
        return loaded + " records from " + pages + " earlier pages stay committed in " + table;
    }

    private void quarantine(TableId table, URI uri, int page, String body, String reason, String runId) {
        Dataset<Row> reject = lake.spark()
                .createDataFrame(
                        List.of(RowFactory.create(uri.toString(), (long) page, body, reason)),
                        new StructType()
                                .add("source", DataTypes.StringType)
                                .add("line", DataTypes.LongType)
                                .add("raw", DataTypes.StringType)
                                .add("reason", DataTypes.StringType));
        new Quarantine(lake)
                .append(
                        table,
                        Quarantine.records(
                                reject,
                                reject.col("source"),
                                reject.col("line"),
                                reject.col("raw"),
                                reject.col("reason"),
                                runId));
    }

    /** The query of one page: fixed parameters, the incremental window, then paging. */
    static URI pageUri(ApiRequest request, Optional<String> since, int page) {
        Map<String, String> query = new LinkedHashMap<>(request.params());
        request.incremental().ifPresent(inc -> {
            since.ifPresent(value -> query.put(inc.sinceParam(), value));
            inc.untilParam().ifPresent(param -> query.put(param, inc.until().orElseThrow()));
        });
        request.paging().ifPresent(paging -> {
            query.put(paging.pageParam(), String.valueOf(page));
            paging.sizeParam().ifPresent(param -> query.put(param, String.valueOf(paging.size())));
        });
        String base = request.url().toString();
        if (query.isEmpty()) {
            return request.url();
        }
        String encoded = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(base + (request.url().getRawQuery() == null ? "?" : "&") + encoded);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The records of a page: the body's array, or the array at a dotted {@code recordsPath}. */
    static List<JsonNode> records(String body, Optional<String> recordsPath) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedPageException(
                    "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("parse error"));
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedPageException("empty body");
        }
        JsonNode node = root;
        if (recordsPath.isPresent()) {
            for (String field : recordsPath.get().split("\\.")) {
                node = node.path(field);
            }
        }
        if (!node.isArray()) {
            throw new MalformedPageException(
                    recordsPath
                            .map(path -> "no array at records path '" + path + "'")
                            .orElse(
                                    "the body is not a JSON array (give --records-path when the records are inside an object)"));
        }
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw new MalformedPageException("a record is not a JSON object: " + element);
            }
            records.add(element);
        }
        return records;
    }

    private static String cursor(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A page that is not the JSON the request expects. */
    static final class MalformedPageException extends RuntimeException {
        MalformedPageException(String message) {
            super(message);
        }
    }
}
