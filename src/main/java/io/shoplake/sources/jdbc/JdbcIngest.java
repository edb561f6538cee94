package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.StepRun;
import io.shoplake.lakehouse.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Loads tables of a MySQL or PostgreSQL database into bronze: every value as a string, plus {@code _source} (the
 * URL without credentials and {@code #table}), {@code _line} (null), {@code _run_id} and {@code _ingested_at}, the
 * shape the file ingest writes.
 *
 * <p>Full loads replace the rows an earlier full load of the same {@code _source} wrote, so re-running gives the
 * same table. Incremental loads need no state of their own: the watermark is the highest key of that
 * {@code _source} already in bronze, and only rows above it are read and appended.
 *
 * <p>The database is checked first (connection, credentials, every table and its columns): when anything is
 * wrong, nothing is written. Each table is then loaded in one commit and recorded as a step in {@code ops.runs}.
 */
public final class JdbcIngest {

    private final Lakehouse lake;
    private final RunLedger runs;
    private final JdbcBronzeWriter writer;

    public JdbcIngest(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = new RunLedger(lake);
        this.writer = new JdbcBronzeWriter(lake);
    }

    /**
     * Loads {@code loads} from {@code source} in order.
     *
     * @throws JdbcSourceException when the database cannot be reached or read; no table was changed then
     */
    public List<JdbcLoadResult> ingest(JdbcSource source, List<JdbcTableLoad> loads, String runId, String job) {
        requireNonNull(source, "source is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(job, "job is null");
        JdbcReader reader = new JdbcReader(lake.spark(), source);
        Timestamp ingestedAt = Timestamp.from(Instant.now());
        List<JdbcLoadResult> results = new ArrayList<>();
        try (Connection connection = reader.connect()) {
            Map<JdbcTableLoad, SourceTable> tables = new LinkedHashMap<>();
            for (JdbcTableLoad load : List.copyOf(loads)) {
                tables.put(load, reader.describe(connection, load));
            }
            for (Map.Entry<JdbcTableLoad, SourceTable> entry : tables.entrySet()) {
                results.add(load(reader, connection, source, entry.getKey(), entry.getValue(), runId, job, ingestedAt));
            }
        } catch (SQLException e) {
            throw recordFailure(JdbcErrors.explain(e, source, Optional.empty()), source, runId, job);
        } catch (JdbcSourceException e) {
            throw recordFailure(e, source, runId, job);
        }
        return results;
    }

    /** No table changed, but the attempt leaves a trace: ops.runs shows the failed read and why. */
    private JdbcSourceException recordFailure(
            JdbcSourceException failure, JdbcSource source, String runId, String job) {
        runs.record(StepRun.failedBeforeStart(runId, job, "jdbc " + source.displayUrl(), failure.getMessage()));
        return failure;
    }

    private JdbcLoadResult load(
            JdbcReader reader,
            Connection connection,
            JdbcSource source,
            JdbcTableLoad load,
            SourceTable table,
            String runId,
            String job,
            Timestamp ingestedAt) {
        String sourceName = source.displayUrl() + "#" + load.sourceTable();
        boolean incremental = table.keyColumn().isPresent();
        Optional<String> note = load.incrementalKey().isPresent() && !incremental
                ? Optional.of("no column " + load.incrementalKey().get() + ": loaded in full")
                : Optional.empty();
        Optional<String> keyAbove = incremental ? highestKey(load.target(), sourceName, table) : Optional.empty();
        long[] written = new long[1];
        runs.step(
                runId,
                job,
                "jdbc " + load.sourceTable() + " -> " + load.target(),
                Optional.empty(),
                List.of(),
                List.of(load.target()),
                () -> {
                    Dataset<Row> rows =
                            bronzeRows(reader.read(connection, table, keyAbove), sourceName, runId, ingestedAt);
                    written[0] = incremental
                            ? writer.append(load.target(), rows)
                            : writer.replaceSource(load.target(), rows, sourceName);
                    return new StepCounts(written[0], written[0], 0);
                });
        return new JdbcLoadResult(
                load.sourceTable(), load.target(), incremental ? "incremental" : "full", written[0], keyAbove, note);
    }

    /** Source columns lower-cased, then the ingest metadata: the bronze shape. */
    static Dataset<Row> bronzeRows(Dataset<Row> source, String sourceName, String runId, Timestamp ingestedAt) {
        List<Column> columns = new ArrayList<>();
        for (String column : source.columns()) {
            columns.add(col("`" + column.replace("`", "``") + "`").as(JdbcReader.bronzeColumn(column)));
        }
        columns.add(lit(sourceName).as("_source"));
        columns.add(lit(null).cast(DataTypes.LongType).as("_line"));
        columns.add(lit(runId).as("_run_id"));
        columns.add(lit(ingestedAt).as("_ingested_at"));
        return source.select(columns.toArray(Column[]::new));
    }

    /** The highest key of this source already in bronze, compared as the key's kind; empty when there is none. */
    private Optional<String> highestKey(TableId target, String sourceName, SourceTable table) {
        String key = JdbcReader.bronzeColumn(table.keyColumn().orElseThrow());
        if (!lake.exists(target) || !Arrays.asList(lake.read(target).columns()).contains(key)) {
            return Optional.empty();
        }
        Column value = switch (table.keyKind().orElseThrow()) {
            case INTEGRAL -> col(key).cast(DataTypes.LongType);
            case DECIMAL -> col(key).cast(DataTypes.createDecimalType(38, Math.min(table.keyScale(), 18)));
            case TEXT -> col(key);
        };
        Row highest = lake.read(target)
                .where(col("_source").equalTo(sourceName))
                .agg(max(value))
                .first();
        return highest.isNullAt(0) ? Optional.empty() : Optional.of(String.valueOf(highest.get(0)));
    }
}
