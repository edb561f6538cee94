package io.shoplake.pipelines.flyers;

import static io.shoplake.pipelines.flyers.FlyerEngagementTables.EVENTS;
import static io.shoplake.pipelines.flyers.FlyerEngagementTables.FLYER_TIME_DAILY;
import static io.shoplake.pipelines.flyers.FlyerEngagementTables.GOLD;
import static io.shoplake.pipelines.flyers.FlyerEngagementTables.MERCHANT_DAILY;
import static io.shoplake.pipelines.flyers.FlyerEngagementTables.MERCHANT_FLYER_REPORT;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The flyer engagement pipeline: reads {@code silver.events} around a date range, computes the metric and replaces
 * exactly those dates in the three gold tables.
 */
public final class FlyerEngagementJob {

    public static final String JOB = "flyer-engagement";
    /**
     * Days read on each side of the range: a view opened on the last day can end the next day, and a user's events
     * can carry other offsets than their neighbours (max-gap is at most 24h).
     */
    static final int MARGIN_DAYS = 2;

    private final Lakehouse lake;
    private final RunLedger runs;
    private final FlyerTimeMetric metric;

    /** The three marts for one range of dates. */
    public record Marts(Dataset<Row> merchantFlyerReport, Dataset<Row> flyerTimeDaily, Dataset<Row> merchantDaily) {
        public Marts {
            requireNonNull(merchantFlyerReport, "merchantFlyerReport is null");
            requireNonNull(flyerTimeDaily, "flyerTimeDaily is null");
            requireNonNull(merchantDaily, "merchantDaily is null");
        }
    }

    /** What a run wrote. */
    public record Result(
            String runId,
            LocalDate from,
            LocalDate to,
            long events,
            long reportRows,
            long dailyRows,
            long merchantRows,
            String settings) {}

    public FlyerEngagementJob(Lakehouse lake, RunLedger runs, MetricSettings settings) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.metric = new FlyerTimeMetric(requireNonNull(settings, "settings is null"));
    }

    /** The latest local date in {@code silver.events}; empty when there are no events. */
    public Optional<LocalDate> latestDate() {
        Row row = lake.read(EVENTS).agg(max(col("local_date"))).first();
        return row.isNullAt(0) ? Optional.empty() : Optional.of(row.getDate(0).toLocalDate());
    }

    /** The marts for views opened on {@code from..to} (inclusive); pure: no reads or writes. */
    public static Marts compute(FlyerTimeMetric metric, Dataset<Row> events, LocalDate from, LocalDate to) {
        requireRange(from, to);
        Dataset<Row> around = events.where(col("local_date")
                .between(Date.valueOf(from.minusDays(MARGIN_DAYS)), Date.valueOf(to.plusDays(MARGIN_DAYS))));
        Dataset<Row> report = metric.userFlyerTime(around).where(inRange(from, to));
        return new Marts(
                report, FlyerEngagementReports.flyerTimeDaily(report), FlyerEngagementReports.merchantDaily(report));
    }

    /** Computes and writes the marts for {@code from..to}, recorded in ops.runs as one step. */
    public Result run(LocalDate from, LocalDate to) {
        requireRange(from, to);
        String runId = RunLedger.newRunId();
        Dataset<Row> events = lake.read(EVENTS);
        long[] counts = new long[4];
        runs.step(runId, JOB, "gold", Optional.of(to), List.of(EVENTS), GOLD, () -> {
            Dataset<Row> report = compute(metric, events, from, to)
                    .merchantFlyerReport()
                    .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
            try {
                Marts marts = new Marts(
                        report,
                        FlyerEngagementReports.flyerTimeDaily(report),
                        FlyerEngagementReports.merchantDaily(report));
                write(MERCHANT_FLYER_REPORT, marts.merchantFlyerReport(), from, to);
                write(FLYER_TIME_DAILY, marts.flyerTimeDaily(), from, to);
                write(MERCHANT_DAILY, marts.merchantDaily(), from, to);
                counts[0] = events.where(col("local_date").between(Date.valueOf(from), Date.valueOf(to)))
                        .count();
                counts[1] = lake.read(MERCHANT_FLYER_REPORT)
                        .where(inRange(from, to))
                        .count();
                counts[2] = lake.read(FLYER_TIME_DAILY).where(inRange(from, to)).count();
                counts[3] = lake.read(MERCHANT_DAILY).where(inRange(from, to)).count();
            } finally {
                report.unpersist();
            }
            // An aggregating step accounts for every event of its dates.
            return new StepCounts(counts[0], counts[0], 0);
        });
        return new Result(
                runId,
                from,
                to,
                counts[0],
                counts[1],
                counts[2],
                counts[3],
                metric.settings().describe());
    }

    /** Replaces the rows of {@code from..to} (and only those) in one atomic commit. */
    private void write(TableId table, Dataset<Row> rows, LocalDate from, LocalDate to) {
        if (!lake.exists(table)) {
            lake.overwritePartitions(table, rows, "date");
            return;
        }
        try {
            rows.writeTo(lake.sqlName(table)).overwrite(inRange(from, to));
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new io.shoplake.lakehouse.MissingTableException(table);
        }
    }

    private static Column inRange(LocalDate from, LocalDate to) {
        return col("date").between(lit(Date.valueOf(from)), lit(Date.valueOf(to)));
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range must not end before it starts, was: " + from + " to " + to);
        }
    }
}
