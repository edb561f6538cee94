package io.shoplake.pipelines.transactions;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ingest transactions}: a transaction log file (or folder of them) through the generic file ingest into
 * {@code bronze.transactions} (each file once, by content; unparsable lines to {@code quarantine.bronze_transactions}),
 * then all of bronze typed into {@code silver.transactions} by {@link SilverTransactions} (bad rows to
 * {@code quarantine.silver_transactions} with their reasons). Silver is rebuilt from bronze, so loading the same
 * file again adds nothing and leaves the same table.
 */
public final class TransactionFileIngest {

    public static final TableId BRONZE = SilverTransactions.BRONZE;
    public static final TableId TRANSACTIONS = SilverTransactions.TABLE;
    public static final StructType SCHEMA = SilverTransactions.SCHEMA;

    private static final String JOB = "ingest transactions";

    /**
     * Counts of one load: files newly loaded and already loaded, the bronze rows and rejects those files added, and
     * silver.transactions after the load ({@code loaded} rows, {@code quarantined} in its quarantine).
     */
    public record Report(
            String runId,
            String file,
            long filesLoaded,
            long filesAlreadyLoaded,
            long bronzeRows,
            long bronzeQuarantined,
            long blankLines,
            long loaded,
            long quarantined) {}

    private TransactionFileIngest() {}

    /** The file-ingest request for {@code path}: headerless files get the column names {@code c1..cN}. */
    public static FileIngestRequest request(Path path, TransactionFileFormat format, String runId) {
        FileIngestRequest request = FileIngestRequest.of(path, BRONZE, format.format(), runId, JOB);
        if (!format.header()) {
            return request.withColumnNames(FileIngestRequest.positionalNames(format.headerlessColumns()));
        }
        List<String> named = new ArrayList<>();
        for (String column : List.of(format.customerColumn(), format.dateColumn(), format.amountColumn())) {
            if (!TransactionFileFormat.isPosition(column)) {
                named.add(column.trim().toLowerCase(Locale.ROOT));
            }
        }
        return named.isEmpty() ? request : request.withRequiredColumns(named);
    }

    /**
     * Loads {@code path} into bronze (new files only), rebuilds silver.transactions and its quarantine from all of
     * bronze, and records both steps in ops.runs.
     *
     * @throws IllegalArgumentException when a file is unusable (its reason) or nothing has been loaded at all
     */
    public static Report load(Lakehouse lake, Path path, TransactionFileFormat format, String runId) {
        return load(lake, path, format, runId, false);
    }

    /** As {@link #load(Lakehouse, Path, TransactionFileFormat, String)}; {@code reload} replaces earlier loads of the files. */
    public static Report load(Lakehouse lake, Path path, TransactionFileFormat format, String runId, boolean reload) {
        requireNonNull(format, "format is null");
        FileIngest ingest = new FileIngest(lake);
        FileIngestRequest request = request(path, format, runId);
        List<FileIngestResult> results = reload ? ingest.reload(request) : ingest.ingest(request);
        for (FileIngestResult result : results) {
            if (result.status() == FileStatus.UNUSABLE) {
                throw new IllegalArgumentException(result.message().orElse("cannot load " + result.path()));
            }
        }
        if (!lake.exists(BRONZE)) {
            throw new IllegalArgumentException("no transactions to type: " + path + " holds no data records");
        }
        long[] silver = new long[2];
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "type " + TRANSACTIONS,
                        Optional.empty(),
                        List.of(BRONZE),
                        List.of(TRANSACTIONS, TRANSACTIONS.quarantine()),
                        () -> {
                            SilverTransactions.Columns columns =
                                    columns(lake.read(BRONZE).columns(), format);
                            SilverOutput output = SilverTransactions.transform(lake.read(BRONZE), columns);
                            lake.replace(
                                    TRANSACTIONS,
                                    lake.spark().createDataFrame(output.rows().rdd(), SCHEMA));
                            new Quarantine(lake)
                                    .replace(TRANSACTIONS, SilverSteps.quarantineRecords(output.rejected(), runId));
                            silver[0] = output.rowsOut();
                            silver[1] = output.quarantined();
                            return output.stepCounts();
                        });
        long loaded =
                results.stream().filter(r -> r.status() == FileStatus.LOADED).count();
        return new Report(
                runId,
                path.toString(),
                loaded,
                results.size() - loaded,
                results.stream().mapToLong(FileIngestResult::rows).sum(),
                results.stream().mapToLong(FileIngestResult::quarantined).sum(),
                results.stream().mapToLong(FileIngestResult::blankLines).sum(),
                silver[0],
                silver[1]);
    }

    /**
     * The bronze columns the format names: a header name as given (lower case, as bronze stores it), a position as
     * the n-th data column of bronze (its first file's column order; {@code cN} for files without a header).
     */
    static SilverTransactions.Columns columns(String[] bronzeColumns, TransactionFileFormat format) {
        List<String> data = Arrays.stream(bronzeColumns)
                .filter(c -> !SilverSteps.BRONZE_METADATA.contains(c))
                .toList();
        return new SilverTransactions.Columns(
                column(data, format.customerColumn()),
                column(data, format.dateColumn()),
                column(data, format.amountColumn()),
                format.datePattern());
    }

    private static String column(List<String> data, String column) {
        if (TransactionFileFormat.isPosition(column)) {
            int position = Integer.parseInt(column);
            if (position > data.size()) {
                throw new IllegalArgumentException("column position must be at most " + data.size()
                        + " (the columns of " + BRONZE + ": " + String.join(", ", data) + "), was: " + position);
            }
            return data.get(position - 1);
        }
        String name = column.trim().toLowerCase(Locale.ROOT);
        if (!data.contains(name)) {
            throw new IllegalArgumentException(
                    "column '" + column + "' is not in " + BRONZE + " (columns: " + String.join(", ", data) + ")");
        }
        return name;
    }
}
