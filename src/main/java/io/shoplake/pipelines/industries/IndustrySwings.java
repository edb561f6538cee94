package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Which industries' demand swings most: for every reference industry, the amount ordered in the window against its
 * average day in the baseline (days without orders count as zero). An order counts in full for each industry of its
 * customer; orders of customers with no reference industry (or not known yet) are counted apart and not ranked.
 * Ranked by |change| descending, ties by industry name. Pure: see docs/industry-swings.md for the definition.
 */
public final class IndustrySwings {

    /** Amounts in gold: exact sums, averages to 6 decimals (rounded half up). */
    public static final DataType AMOUNT = DataTypes.createDecimalType(28, 6);

    private IndustrySwings() {}

    /** The two results of one as-of. */
    public record Computed(Dataset<Row> swings, Dataset<Row> unassigned) {
        public Computed {
            requireNonNull(swings, "swings is null");
            requireNonNull(unassigned, "unassigned is null");
        }
    }

    /**
     * The amounts of the two periods per industry: one row per industry with orders in either period and one
     * (industry null) for the orders no reference industry claims. Columns: industry, window_amount, window_orders,
     * baseline_amount, baseline_orders, customers. The only pass over the orders; small enough to keep.
     *
     * @param orders silver.industry_orders (order_id, customer_id, ordered_at, amount)
     * @param customerIndustries silver.industry_customer_industries (customer_id, industry)
     */
    public static Dataset<Row> totals(Dataset<Row> orders, Dataset<Row> customerIndustries, SwingWindow window) {
        Timestamp asOf = Timestamp.from(window.asOf());
        Timestamp windowStart = Timestamp.from(window.windowStart());
        Timestamp baselineStart = Timestamp.from(window.baselineStart());
        Dataset<Row> scoped = orders.where(col("ordered_at")
                        .gt(lit(baselineStart))
                        .and(col("ordered_at").leq(lit(asOf))))
                .select(
                        col("order_id"),
                        col("customer_id"),
                        col("amount"),
                        col("ordered_at").gt(lit(windowStart)).as("in_window"));
        Dataset<Row> pairs =
                customerIndustries.select("customer_id", "industry").distinct();
        return scoped.join(pairs, scoped.col("customer_id").equalTo(pairs.col("customer_id")), "left")
                .groupBy(col("industry"))
                .agg(
                        sum(when(col("in_window"), col("amount"))).as("window_amount"),
                        count(when(col("in_window"), col("order_id"))).as("window_orders"),
                        sum(when(col("in_window").unary_$bang(), col("amount"))).as("baseline_amount"),
                        count(when(col("in_window").unary_$bang(), col("order_id")))
                                .as("baseline_orders"),
                        countDistinct(scoped.col("customer_id")).as("customers"));
    }

    /**
     * Every reference industry's swing, ranked, and the one row of unassigned orders, from {@link #totals}.
     *
     * @param industries the reference list (industry)
     */
    public static Computed compute(Dataset<Row> totals, Dataset<Row> industries, SwingWindow window, String runId) {
        Timestamp asOf = Timestamp.from(window.asOf());
        BigDecimal expectedShare = BigDecimal.valueOf(window.windowHours())
                .divide(BigDecimal.valueOf(24), 10, java.math.RoundingMode.HALF_UP);
        Column avg = coalesce(col("baseline_amount"), lit(BigDecimal.ZERO))
                .divide(lit(window.baselineDays()))
                .cast(AMOUNT);
        Dataset<Row> swings = industries
                .select("industry")
                .distinct()
                .join(totals.where(col("industry").isNotNull()), "industry", "left")
                .select(
                        col("industry"),
                        coalesce(col("window_amount"), lit(BigDecimal.ZERO))
                                .cast(AMOUNT)
                                .as("window_amount"),
                        coalesce(col("window_orders"), lit(0L)).as("window_orders"),
                        avg.as("baseline_daily_avg"))
                .withColumn(
                        "change",
                        col("window_amount")
                                .minus(col("baseline_daily_avg").multiply(lit(expectedShare)))
                                .cast(AMOUNT))
                .withColumn(
                        "change_pct",
                        when(
                                col("baseline_daily_avg").notEqual(lit(BigDecimal.ZERO)),
                                col("change")
                                        .cast(DataTypes.DoubleType)
                                        .divide(col("baseline_daily_avg")
                                                .multiply(lit(expectedShare))
                                                .cast(DataTypes.DoubleType))))
                .withColumn(
                        "rank",
                        row_number()
                                .over(Window.orderBy(
                                        abs(col("change")).desc(),
                                        col("industry").asc())))
                .select(
                        lit(asOf).as("as_of"),
                        col("industry"),
                        col("rank"),
                        col("window_amount"),
                        col("window_orders"),
                        col("baseline_daily_avg"),
                        col("change"),
                        col("change_pct"),
                        lit(runId).as("run_id"));

        Dataset<Row> unassigned = totals.where(col("industry").isNull())
                .agg(
                        coalesce(sum("window_orders"), lit(0L)).as("window_orders"),
                        coalesce(sum("window_amount"), lit(BigDecimal.ZERO))
                                .cast(AMOUNT)
                                .as("window_amount"),
                        coalesce(sum("baseline_orders"), lit(0L)).as("baseline_orders"),
                        coalesce(sum("baseline_amount"), lit(BigDecimal.ZERO))
                                .cast(AMOUNT)
                                .as("baseline_amount"),
                        coalesce(sum("customers"), lit(0L)).as("customers"))
                .select(
                        lit(asOf).as("as_of"),
                        col("window_orders"),
                        col("window_amount"),
                        col("baseline_orders"),
                        col("baseline_amount"),
                        col("customers"),
                        lit(runId).as("run_id"));
        return new Computed(swings, unassigned);
    }
}
