package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.shoplake.pipelines.flyers.MetricSettings.Attribution;
import io.shoplake.pipelines.flyers.MetricSettings.ViewEnd;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Time on flyer: turns app events ({@code silver.events} columns) into per user, day, flyer and merchant view counts
 * and durations. A pure {@code Dataset -> Dataset} function; semantics in docs/flyers.md.
 *
 * <p>Plan: drop view events without a flyer id (and, for {@code next-view}, every event that can't end a view), narrow
 * the rows, shuffle once by user, sort within partitions by the tie-break order, then one sequential pass per user
 * (no window functions) that emits one aggregated row per (user, date, flyer, merchant).
 */
public final class FlyerTimeMetric {

    /** Grain: one row per (user_id, date, flyer_id, merchant_id) with at least one view; durations in microseconds. */
    public static final StructType USER_FLYER_MICROS = new StructType()
            .add("user_id", DataTypes.StringType, false)
            .add("day", DataTypes.IntegerType, false)
            .add("flyer_id", DataTypes.LongType, true)
            .add("merchant_id", DataTypes.LongType, true)
            .add("views", DataTypes.LongType, false)
            .add("total_micros", DataTypes.LongType, false);

    /** Tie-break rank of the close event; view events follow from 1, other events from {@link #OTHER_RANK}. */
    static final int CLOSE_RANK = 0;

    static final int OTHER_RANK = 100;
    static final int UNKNOWN_RANK = 1000;

    private final MetricSettings settings;

    public FlyerTimeMetric(MetricSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    public MetricSettings settings() {
        return settings;
    }

    /**
     * The merchant flyer report grain: {@code merchant_id, flyer_id, user_id, date, views, total_seconds,
     * avg_seconds}, one row per user, local date of the opening event, flyer and merchant.
     *
     * @param events columns {@code user_id, event_at, local_date, event, flyer_id, merchant_id}
     */
    public Dataset<Row> userFlyerTime(Dataset<Row> events) {
        return FlyerEngagementReports.fromMicros(userFlyerMicros(events));
    }

    /** As {@link #userFlyerTime} but with integer day numbers and microsecond totals ({@link #USER_FLYER_MICROS}). */
    public Dataset<Row> userFlyerMicros(Dataset<Row> events) {
        return pass(events, true);
    }

    /**
     * {@code gold.flyer_time_daily} straight from the events: the same pass keyed by (user, day) only, so no second
     * shuffle (equal to {@link FlyerEngagementReports#flyerTimeDaily} of {@link #userFlyerTime} by construction).
     */
    public Dataset<Row> flyerTimeDaily(Dataset<Row> events) {
        return FlyerEngagementReports.fromMicros(pass(events, false)).drop("merchant_id", "flyer_id");
    }

    private Dataset<Row> pass(Dataset<Row> events, boolean byFlyer) {
        Dataset<Row> ordered = timelineRows(events)
                .repartition(col("user_id"))
                .sortWithinPartitions(
                        col("user_id"),
                        col("t"),
                        col("rank"),
                        col("flyer_id").asc_nulls_first(),
                        col("merchant_id").asc_nulls_first());
        ViewPass pass = new ViewPass(
                settings.maxGap().toNanos() / 1000,
                settings.attributeTo() == Attribution.NEXT,
                settings.viewEvents().size(),
                byFlyer);
        // The pass runs on internal rows (see ViewPass); internalCreateDataFrame is how Spark's own sources and
        // Iceberg/Delta turn such an RDD back into a DataFrame.
        RDD<InternalRow> rows =
                ordered.queryExecution().toRdd().toJavaRDD().mapPartitions(pass).rdd();
        return ((org.apache.spark.sql.classic.SparkSession) events.sparkSession())
                .internalCreateDataFrame(rows, USER_FLYER_MICROS, false);
    }

    /**
     * The events the pass needs, narrowed: {@code user_id, t (epoch micros), day (local date as epoch day), rank
     * (view events are 1..n), flyer_id, merchant_id}. View events without a flyer id are dropped; with {@code next-view} so are events
     * that neither open nor close a view (they can't end one).
     */
    Dataset<Row> timelineRows(Dataset<Row> events) {
        List<String> views = settings.viewEvents();
        Column isView = col("event").isin(views.toArray());
        Column isClose =
                settings.closeEvent().map(c -> col("event").equalTo(lit(c))).orElse(lit(false));
        Column kept = col("user_id")
                .isNotNull()
                .and(col("event_at").isNotNull())
                .and(isView.and(col("flyer_id").isNull()).unary_$bang());
        if (settings.viewEndsAt() == ViewEnd.NEXT_VIEW) {
            kept = kept.and(isView.or(isClose));
        }
        return events.where(kept)
                .select(
                        col("user_id"),
                        expr("unix_micros(event_at)").as("t"),
                        expr("unix_date(local_date)").as("day"),
                        rank(isClose).as("rank"),
                        col("flyer_id").cast(DataTypes.LongType).as("flyer_id"),
                        col("merchant_id").cast(DataTypes.LongType).as("merchant_id"));
    }

    /** Tie-break rank: the close event, then view events in setting order, then other known types by name. */
    private Column rank(Column isClose) {
        Column rank = when(isClose, lit(CLOSE_RANK));
        List<String> views = settings.viewEvents();
        for (int i = 0; i < views.size(); i++) {
            rank = rank.when(col("event").equalTo(lit(views.get(i))), lit(i + 1));
        }
        List<String> known = EventTypes.KNOWN;
        for (int i = 0; i < known.size(); i++) {
            rank = rank.when(col("event").equalTo(lit(known.get(i))), lit(OTHER_RANK + i));
        }
        return rank.otherwise(lit(UNKNOWN_RANK));
    }
}
