package io.shoplake.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
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

    private SilverSteps() {}

    /**
     * Renames the source columns to their silver names ({@code source -> silver}, in order), trims them and turns
     * empty text into null, keeps the bronze metadata, and adds {@link #RAW_RECORD}: the whole bronze row as JSON.
     */
    public static Dataset<Row> clean(TableId bronzeTable, Dataset<Row> bronze, Map<String, String> columns) {
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
     * Splits rows into the newest delivery per key and the older deliveries it supersedes. Newest: latest
     * {@code _ingested_at}, then {@code _run_id}, {@code _source}, {@code _line} (all descending) so ties break the
     * same way every run. Keys are compared as BIGINT ({@code "04001"} and {@code "4001"} are one order); a row whose
     * key is missing or not an integer is kept as it is, for the expectations to reject.
     */
    public static Deliveries latestDeliveries(Dataset<Row> rows, List<String> keyColumns) {
        List<Column> keys = new ArrayList<>();
        Column anyMissing = lit(false);
        Dataset<Row> keyed = rows;
        for (String key : keyColumns) {
            String parsed = KEY_PREFIX + key;
            keyed = keyed.withColumn(parsed, col(key).try_cast(DataTypes.LongType));
            keys.add(col(parsed));
            anyMissing = anyMissing.or(col(parsed).isNull());
        }
        // Rows without a usable key each get a rank of 1: they are never each other's duplicates.
        Dataset<Row> ranked = keyed.withColumn(
                RANK,
                when(anyMissing, lit(1))
                        .otherwise(row_number()
                                .over(Window.partitionBy(keys.toArray(Column[]::new))
                                        .orderBy(
                                                col("_ingested_at").desc_nulls_last(),
                                                        col("_run_id").desc_nulls_last(),
                                                col("_source").desc_nulls_last(),
                                                        col("_line").desc_nulls_last()))));
        Column[] original =
                Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return new Deliveries(
                ranked.where(col(RANK).equalTo(1)).select(original),
                ranked.where(col(RANK).gt(1)).select(original),
                ranked);
    }

    /**
     * The newest delivery of each key, and the older deliveries it replaced.
     *
     * @param ranked every row with its delivery rank ({@code _delivery_rank}, 1 = newest)
     */
    public record Deliveries(Dataset<Row> latest, Dataset<Row> superseded, Dataset<Row> ranked) {

        /** Rows in and rows superseded, counted in one pass. */
        public long[] counts() {
            Row counts = ranked.agg(count(lit(1)), count(when(col(RANK).gt(1), lit(1))))
                    .first();
            return new long[] {counts.getLong(0), counts.getLong(1)};
        }
    }

    /**
     * Runs the shared steps: clean, newest delivery per key, expectations, typing of the valid rows.
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
        Dataset<Row> cleaned = clean(bronzeTable, bronze, columns);
        Deliveries deliveries = latestDeliveries(cleaned, keyColumns);
        long[] counts = JobPhase.run(bronze.sparkSession(), "silver: rows in + dedupe count", deliveries::counts);
        long rowsIn = counts[0];
        long superseded = counts[1];
        QualityResult quality = JobPhase.run(
                bronze.sparkSession(),
                "silver: expectations",
                () -> suite.apply(deliveries.latest()).check(deliveries.latest()));
        long checked = quality.validCount() + quality.rejectedCount();
        if (rowsIn != checked + superseded) {
            throw new IllegalStateException(silverTable + " does not reconcile: " + rowsIn + " rows in, " + checked
                    + " checked, " + superseded + " superseded");
        }
        List<ExpectationResult> results = new ArrayList<>(quality.results());
        results.add(0, new ExpectationResult(silverTable.toString(), SUPERSEDED, Action.WARN, rowsIn, superseded));
        return new SilverOutput(
                silverTable,
                typing.apply(quality.valid()),
                quality.rejected(),
                rowsIn,
                quality.validCount(),
                superseded,
                quality.rejectedCount(),
                results);
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
