package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The data-quality history of {@code ops.dq_results}, one line per table and expectation: how many checks ran in
 * the window, how many failed, the rows they failed, and the newest result. The window is the {@code days} days up
 * to the newest day in the results (a row's day is its as-of date, else the day it was checked), never the clock.
 */
public final class QualityReport {

    /** One table and expectation over the window. */
    public record Line(
            String table,
            String expectation,
            String action,
            long checks,
            long failedChecks,
            long rowsFailed,
            LocalDate latestDay,
            boolean latestPassed,
            long latestRowsChecked,
            long latestRowsFailed,
            String latestDetail) {
        public Line {
            requireNonNull(table, "table is null");
            requireNonNull(expectation, "expectation is null");
            requireNonNull(action, "action is null");
            requireNonNull(latestDay, "latestDay is null");
        }
    }

    /** The report: the window's first and last day (empty when there are no results) and its lines. */
    public record Report(Optional<LocalDate> from, Optional<LocalDate> to, List<Line> lines) {
        public Report {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            lines = List.copyOf(lines);
        }
    }

    private QualityReport() {}

    /** The report over {@code dqResults} (rows of {@link DqResults#SCHEMA}), for one table or all. */
    public static Report of(Dataset<Row> dqResults, Optional<String> table, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was: " + days);
        }
        Dataset<Row> rows = dqResults.withColumn("_day", coalesce(col("as_of"), to_date(col("checked_at"))));
        if (table.isPresent()) {
            rows = rows.where(col("table_name").equalTo(lit(table.get())));
        }
        Row newest = rows.agg(max("_day")).first();
        if (newest.isNullAt(0)) {
            return new Report(Optional.empty(), Optional.empty(), List.of());
        }
        LocalDate to = newest.getDate(0).toLocalDate();
        LocalDate from = to.minusDays(days - 1L);
        Dataset<Row> window = rows.where(col("_day").geq(date_sub(lit(java.sql.Date.valueOf(to)), days - 1)));
        Dataset<Row> ranked = window.withColumn(
                "_rank",
                row_number()
                        .over(Window.partitionBy("table_name", "expectation")
                                .orderBy(
                                        col("_day").desc(),
                                        col("checked_at").desc(),
                                        col("run_id").desc())));
        Dataset<Row> totals = window.groupBy("table_name", "expectation")
                .agg(
                        count(lit(1)).as("checks"),
                        count(when(col("passed").equalTo(lit(false)), lit(1))).as("failed_checks"),
                        sum("rows_failed").as("rows_failed"));
        Dataset<Row> latest = ranked.where(col("_rank").equalTo(1))
                .select(
                        col("table_name"),
                        col("expectation"),
                        col("action"),
                        col("_day").as("latest_day"),
                        col("passed").as("latest_passed"),
                        col("rows_checked").as("latest_rows_checked"),
                        col("rows_failed").as("latest_rows_failed"),
                        col("detail").as("latest_detail"));
        List<Line> lines = totals
                .join(latest, new String[] {"table_name", "expectation"}, "inner")
                .orderBy("table_name", "expectation")
                .collectAsList()
                .stream()
                .map(r -> new Line(
                        r.getString(r.fieldIndex("table_name")),
                        r.getString(r.fieldIndex("expectation")),
                        r.getString(r.fieldIndex("action")),
                        r.getLong(r.fieldIndex("checks")),
                        r.getLong(r.fieldIndex("failed_checks")),
                        r.getLong(r.fieldIndex("rows_failed")),
                        r.getDate(r.fieldIndex("latest_day")).toLocalDate(),
                        r.getBoolean(r.fieldIndex("latest_passed")),
                        r.getLong(r.fieldIndex("latest_rows_checked")),
                        r.getLong(r.fieldIndex("latest_rows_failed")),
                        r.getString(r.fieldIndex("latest_detail"))))
                .toList();
        return new Report(Optional.of(from), Optional.of(to), lines);
    }
}
