package io.shoplake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The steps every bronze-to-silver transformation shares: clean the raw text, keep the newest delivery of each key,
 * check the table's expectations, type the valid rows. Pure Dataset functions; the counts they need are Spark jobs.
 */
public final class SilverSteps {

    /** Bronze ingest metadata every bronze table carries. */
    public static final List<String> BRONZE_METADATA = List.of("_source", "_line", "_run_id", "_ingested_at");
    /** The bronze row as JSON, carried to quarantine. */
    public static final String RAW_RECORD = "_raw_record";
    /** The name of the dq result that counts re-delivered rows a newer delivery replaced. */
    public static final String SUPERSEDED = "duplicates_superseded";

    private static final String RANK = "_delivery_rank";
    private static final String KEY_PREFIX = "_key_";
    private static final String RAW_PREFIX = "_raw_value_";
    private static final String REJECTED = "_rejected";

    private SilverSteps() {}

    /**
     * Renames the source columns to their silver names ({@code source -> silver}, in order), trims them and turns
     * empty text into null, keeps the bronze metadata, and adds {@link #RAW_RECORD}: the whole bronze row as JSON.
     */
    public static Dataset<Row> clean(TableId bronzeTable, Dataset<Row> bronze, Map<String, String> columns) {
        requireColumns(bronzeTable, bronze, columns);
        List<Column> select = new ArrayList<>();
        // Names are quoted: a file's header may name a column "29.33", which unquoted means a nested field.
        columns.forEach((source, silver) ->
                select.add(nullif(trim(col(quoted(source)).cast(DataTypes.StringType)), lit(""))
                        .as(silver)));
        BRONZE_METADATA.forEach(name -> select.add(col(name)));
        Column[] raw = java.util.stream.Stream.concat(columns.keySet().stream(), BRONZE_METADATA.stream())
                .map(name -> col(quoted(name)).as(name))
                .toArray(Column[]::new);
        select.add(to_json(struct(raw), Map.of("ignoreNullFields", "false")).as(RAW_RECORD));
        return bronze.select(select.toArray(Column[]::new));
    }

    /** A column name as Spark reads it literally, dots and all. */
    public static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    /**
     * Runs the shared steps: clean, newest delivery per key, expectations, typing of the valid rows. The bronze rows
     * are read, ranked and checked once (one Spark job whose result is kept, {@code localCheckpoint}); every count
     * comes from one aggregate over that result, and the valid and rejected rows are filters of it. The raw values
     * travel through the dedupe shuffle once, under private names: the cleaned values are derived after it, and the
     * raw record (JSON) only for the rows that end up rejected. The suite's rules see every row but count only the
     * newest deliveries, so they must be row-wise or reference checks (the dedupe already makes keys unique).
     *
     * @param columns source column to silver column, in order
     * @param typing  turns checked text rows into the silver table's typed columns
     */
    public static SilverOutput build(
            TableId bronzeTable,
            TableId silverTable,
            Dataset<Row> bronze,
            Map<String, String> columns,
            List<String> keyColumns,
            java.util.function.Function<Dataset<Row>, ExpectationSuite> suite,
            UnaryOperator<Dataset<Row>> typing) {
        requireColumns(bronzeTable, bronze, columns);
        List<String> sources = List.copyOf(columns.keySet());
        List<String> silverNames = List.copyOf(columns.values());
        List<Column> raw = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            raw.add(col(quoted(sources.get(i))).cast(DataTypes.StringType).as(RAW_PREFIX + i));
        }
        BRONZE_METADATA.forEach(name -> raw.add(col(name)));
        Dataset<Row> rawRows = bronze.select(raw.toArray(Column[]::new));
        List<Column> keys = new ArrayList<>();
        for (String key : keyColumns) {
            int index = silverNames.indexOf(key);
            if (index < 0) {
                throw new IllegalArgumentException(
                        "key column " + key + " is not among the silver columns " + silverNames);
            }
            keys.add(cleaned(index).try_cast(DataTypes.LongType));
        }
        Dataset<Row> ranked = rank(rawRows, keys);

        List<Column> cleanedSelect = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            cleanedSelect.add(cleaned(i).as(silverNames.get(i)));
        }
        BRONZE_METADATA.forEach(name -> cleanedSelect.add(col(name)));
        for (int i = 0; i < sources.size(); i++) {
            cleanedSelect.add(col(RAW_PREFIX + i));
        }
        cleanedSelect.add(col(RANK));
        Dataset<Row> cleaned = ranked.select(cleanedSelect.toArray(Column[]::new));
        Column latest = col(RANK).equalTo(1);
        ExpectationSuite expectations = suite.apply(cleaned.where(latest));
        Dataset<Row> marked = expectations.mark(cleaned);

        Column rejected = latest.and(expectations.rejected());
        List<Column> rawRecord = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            rawRecord.add(col(RAW_PREFIX + i).as(sources.get(i)));
        }
        BRONZE_METADATA.forEach(name -> rawRecord.add(col(name)));
        List<Column> kept = new ArrayList<>();
        silverNames.forEach(name -> kept.add(col(quoted(name))));
        // Metadata and the raw record are only needed for rejects: valid rows keep nulls there, which cost nothing.
        BRONZE_METADATA.forEach(name -> kept.add(when(rejected, col(name)).as(name)));
        kept.add(when(rejected, to_json(struct(rawRecord.toArray(Column[]::new)), Map.of("ignoreNullFields", "false")))
                .as(RAW_RECORD));
        kept.add(col(RANK));
        kept.add(rejected.as(REJECTED));
        expectations.violationColumns().forEach(name -> kept.add(col(name)));
        Dataset<Row> checked = JobPhase.run(
                bronze.sparkSession(),
                "silver: dedupe + expectations",
                () -> marked.select(kept.toArray(Column[]::new)).localCheckpoint());

        List<Column> counts = new ArrayList<>();
        counts.add(count(when(col(RANK).gt(1), lit(1))));
        counts.add(count(when(latest, lit(1))));
        counts.addAll(expectations.failureCounts(latest));
        counts.add(count(when(col(REJECTED), lit(1))));
        Row totals = JobPhase.run(
                bronze.sparkSession(),
                "silver: counts",
                () -> checked.agg(count(lit(1)), counts.toArray(Column[]::new)).first());
        long rowsIn = totals.getLong(0);
        long superseded = totals.getLong(1);
        long latestRows = totals.getLong(2);
        long rejectedCount = totals.getLong(3 + expectations.expectations().size());
        if (rowsIn != latestRows + superseded) {
            throw new IllegalStateException(silverTable + " does not reconcile: " + rowsIn + " rows in, " + latestRows
                    + " checked, " + superseded + " superseded");
        }
        List<ExpectationResult> results = new ArrayList<>(expectations.results(latestRows, totals, 3));
        results.add(0, new ExpectationResult(silverTable.toString(), SUPERSEDED, Action.WARN, rowsIn, superseded));

        Column[] silverColumns = silverNames.stream().map(n -> col(quoted(n))).toArray(Column[]::new);
        Dataset<Row> valid = checked.where(latest.and(not(col(REJECTED)))).select(silverColumns);
        List<Column> rejectColumns = new ArrayList<>(List.of(silverColumns));
        BRONZE_METADATA.forEach(name -> rejectColumns.add(col(name)));
        rejectColumns.add(col(RAW_RECORD));
        rejectColumns.add(col(ExpectationSuite.REASONS));
        rejectColumns.add(col(ExpectationSuite.REASON));
        Dataset<Row> rejects =
                expectations.withReasons(checked.where(col(REJECTED))).select(rejectColumns.toArray(Column[]::new));
        return new SilverOutput(
                silverTable,
                typing.apply(valid),
                rejects,
                rowsIn,
                latestRows - rejectedCount,
                superseded,
                rejectedCount,
                results);
    }

    /** A raw value cleaned: trimmed, empty text as null. */
    private static Column cleaned(int index) {
        return nullif(trim(col(RAW_PREFIX + index)), lit(""));
    }

    /**
     * Every row with its delivery rank: 1 for the newest delivery of its key, and for each row without a usable key
     * (a null key value): such rows are never each other's duplicates.
     */
    private static Dataset<Row> rank(Dataset<Row> rows, List<Column> keys) {
        Column anyMissing = keys.stream().map(Column::isNull).reduce(Column::or).orElse(lit(false));
        return rows.withColumn(
                RANK,
                when(anyMissing, lit(1))
                        .otherwise(row_number()
                                .over(Window.partitionBy(keys.toArray(Column[]::new))
                                        .orderBy(
                                                col("_ingested_at").desc_nulls_last(),
                                                col("_run_id").desc_nulls_last(),
                                                col("_source").desc_nulls_last(),
                                                col("_line").desc_nulls_last()))));
    }

    private static void requireColumns(TableId bronzeTable, Dataset<Row> bronze, Map<String, String> columns) {
        Set<String> present = Set.of(bronze.columns());
        List<String> missing = new ArrayList<>();
        for (String name : columns.keySet()) {
            if (!present.contains(name)) {
                missing.add(name);
            }
        }
        for (String name : BRONZE_METADATA) {
            if (!present.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    bronzeTable + " must have the columns " + missing + ", has: " + Arrays.toString(bronze.columns()));
        }
    }

    /** Shapes rejected rows (cleaned bronze plus reasons) into quarantine records. */
    public static Dataset<Row> quarantineRecords(Dataset<Row> rejected, String runId) {
        return Quarantine.records(
                rejected, col("_source"), col("_line"), col(RAW_RECORD), col(ExpectationSuite.REASON), runId);
    }

    /** Failures per QUARANTINE expectation with at least one failure, in declaration order. */
    public static Map<String, Long> quarantinedByExpectation(List<ExpectationResult> results) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExpectationResult result : results) {
            if (result.action() == Action.QUARANTINE && result.rowsFailed() > 0) {
                counts.put(result.expectation(), result.rowsFailed());
            }
        }
        return counts;
    }
}
