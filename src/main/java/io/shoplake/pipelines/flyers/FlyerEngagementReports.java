package io.shoplake.pipelines.flyers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The three flyer engagement marts, derived from the metric's per user, day, flyer and merchant rows. Seconds are
 * exact decimals (microsecond precision) so every total equals the sum of the rows below it.
 */
public final class FlyerEngagementReports {

    /** Seconds with microsecond precision: exact sums, up to 10^12 seconds. */
    public static final DecimalType SECONDS = DataTypes.createDecimalType(18, 6);

    private FlyerEngagementReports() {}

    /** {@code gold.merchant_flyer_report} from {@link FlyerTimeMetric#USER_FLYER_MICROS} rows. */
    static Dataset<Row> fromMicros(Dataset<Row> micros) {
        Column seconds = col("total_micros")
                .cast(DataTypes.createDecimalType(18, 0))
                .divide(1_000_000)
                .cast(SECONDS);
        return micros.select(
                        col("merchant_id"),
                        col("flyer_id"),
                        col("user_id"),
                        expr("date_from_unix_date(day)").as("date"),
                        col("views"),
                        seconds.as("total_seconds"))
                .withColumn("avg_seconds", average("total_seconds", "views"));
    }

    /**
     * {@code gold.flyer_time_daily}: one row per user and date with their views, total and average view seconds.
     *
     * @param report {@code gold.merchant_flyer_report} rows
     */
    public static Dataset<Row> flyerTimeDaily(Dataset<Row> report) {
        return report.groupBy(col("user_id"), col("date"))
                .agg(
                        sum("views").as("views"),
                        sum("total_seconds").cast(SECONDS).as("total_seconds"))
                .withColumn("avg_seconds", average("total_seconds", "views"));
    }

    /**
     * {@code gold.merchant_daily}: one row per merchant and date: distinct flyers and users, views, total seconds
     * and seconds per user.
     */
    public static Dataset<Row> merchantDaily(Dataset<Row> report) {
        return report.groupBy(col("merchant_id"), col("date"))
                .agg(
                        countDistinct(col("flyer_id")).as("flyers"),
                        countDistinct(col("user_id")).as("users"),
                        sum("views").as("views"),
                        sum("total_seconds").cast(SECONDS).as("total_seconds"))
                .withColumn("avg_seconds_per_user", average("total_seconds", "users"));
    }

    private static Column average(String seconds, String count) {
        return col(seconds).cast(DataTypes.DoubleType).divide(col(count).cast(DataTypes.DoubleType));
    }
}
