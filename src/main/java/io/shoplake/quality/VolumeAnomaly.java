package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * A table-level expectation on how many rows a day brings: today's count outside the trailing mean plus or minus
 * {@code k} sample standard deviations of the earlier days' counts is an anomaly. The earlier counts are this
 * check's own rows in {@code ops.dq_results} (its {@code rows_checked}), so the history builds itself. With fewer than
 * {@code minHistoryDays} earlier days it records the count and passes.
 */
public record VolumeAnomaly(String name, int trailingDays, double k, int minHistoryDays, Action action) {

    public VolumeAnomaly {
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        if (action == Action.QUARANTINE) {
            throw new IllegalArgumentException("a table-level expectation cannot quarantine rows: " + name);
        }
        if (trailingDays < 2 || minHistoryDays < 2 || minHistoryDays > trailingDays) {
            throw new IllegalArgumentException(
                    "need 2 <= min history days (" + minHistoryDays + ") <= trailing days (" + trailingDays + ")");
        }
        if (!(k > 0)) {
            throw new IllegalArgumentException("k must be above 0, was: " + k);
        }
    }

    /** Checks {@code today}'s count against {@code history}, the counts of earlier days (any order). */
    public ExpectationResult check(String tableName, long today, List<Long> history) {
        if (history.size() < minHistoryDays) {
            return new ExpectationResult(
                    tableName,
                    name,
                    action,
                    today,
                    0,
                    Optional.of(today + " rows; " + history.size() + " earlier days, " + minHistoryDays
                            + " needed to judge"));
        }
        double mean = history.stream().mapToLong(Long::longValue).average().orElse(0);
        double squares =
                history.stream().mapToDouble(c -> (c - mean) * (c - mean)).sum();
        double sd = Math.sqrt(squares / (history.size() - 1));
        double low = mean - k * sd;
        double high = mean + k * sd;
        boolean anomaly = today < low || today > high;
        return new ExpectationResult(
                tableName,
                name,
                action,
                today,
                anomaly ? today : 0,
                Optional.of(String.format(
                        Locale.ROOT,
                        "%d rows; trailing %d-day mean %.1f, sd %.1f, allowed %.1f to %.1f",
                        today,
                        history.size(),
                        mean,
                        sd,
                        low,
                        high)));
    }

    /**
     * The earlier counts of this check on {@code tableName} from {@code ops.dq_results} rows: one per as-of day in
     * the {@code trailingDays} before {@code asOf} (the newest run of a re-run day), today excluded.
     */
    public List<Long> history(Dataset<Row> dqResults, String tableName, LocalDate asOf) {
        Dataset<Row> mine = dqResults
                .where(col("table_name")
                        .equalTo(lit(tableName))
                        .and(col("expectation").equalTo(lit(name))))
                .where(col("as_of")
                        .lt(lit(java.sql.Date.valueOf(asOf)))
                        .and(col("as_of").geq(lit(java.sql.Date.valueOf(asOf.minusDays(trailingDays))))));
        return mine
                .withColumn(
                        "_newest",
                        row_number()
                                .over(Window.partitionBy("as_of")
                                        .orderBy(
                                                col("checked_at").desc(),
                                                col("run_id").desc())))
                .where(col("_newest").equalTo(1))
                .select("rows_checked")
                .collectAsList()
                .stream()
                .map(row -> row.getLong(0))
                .toList();
    }
}
