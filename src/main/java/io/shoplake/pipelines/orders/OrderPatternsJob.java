package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Computes the order-pattern report from the silver tables and keeps it in {@code gold.order_patterns}: one row per
 * as-of date (a re-run replaces it) with the key figures as columns and the whole report as JSON.
 */
public final class OrderPatternsJob {

    public static final TableId TABLE = TableId.gold("order_patterns");
    public static final String STEP = "gold.order_patterns";

    static final StructType SCHEMA = new StructType()
            .add("as_of", DataTypes.DateType, false)
            .add("orders", DataTypes.LongType, false)
            .add("busiest_weekday", DataTypes.StringType, true)
            .add("has_time_of_day", DataTypes.BooleanType, false)
            .add("first_order_products", DataTypes.StringType, true)
            .add("repurchase_gaps", DataTypes.LongType, false)
            .add("repurchase_mean_days", DataTypes.DoubleType, true)
            .add("repurchase_median_days", DataTypes.DoubleType, true)
            .add("duplicate_orders_on_latest_date", DataTypes.LongType, false)
            .add("report_json", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false);

    private final Lakehouse lake;
    private final RunLedger runs;

    public OrderPatternsJob(Lakehouse lake, RunLedger runs) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
    }

    /**
     * Reports on orders on or before {@code asOf} (default: the latest order date in silver.orders) and writes the
     * gold row.
     */
    public OrderPatternReport run(String runId, Optional<LocalDate> asOf) {
        Dataset<Row> orders = lake.read(SilverOrders.TABLE);
        LocalDate effective = asOf.or(() -> OrderPatterns.latestOrderDate(orders))
                .orElseThrow(() ->
                        new IllegalStateException("silver.orders holds no orders; run `shoplake build orders` first"));
        OrderPatternReport[] report = new OrderPatternReport[1];
        runs.step(
                runId,
                SilverOrdersBuild.JOB,
                STEP,
                Optional.of(effective),
                List.of(SilverOrders.TABLE, SilverOrderItems.TABLE, SilverProducts.TABLE),
                List.of(TABLE),
                () -> {
                    report[0] = OrderPatterns.compute(
                            orders, lake.read(SilverOrderItems.TABLE), lake.read(SilverProducts.TABLE), effective);
                    lake.merge(TABLE, goldRow(report[0], runId), List.of("as_of"));
                    return new StepCounts(report[0].orders(), report[0].orders(), 0);
                });
        return report[0];
    }

    /** The gold row for a report. */
    Dataset<Row> goldRow(OrderPatternReport report, String runId) {
        var interval = report.repurchaseIntervalDays();
        Row row = RowFactory.create(
                Date.valueOf(report.asOf()),
                report.orders(),
                report.busiestWeekday().stream()
                        .map(OrderPatternReport.WeekdayOrders::weekday)
                        .collect(Collectors.joining(", ")),
                report.timeOfDay().hasTimeOfDay(),
                report.firstOrderProducts().stream()
                        .map(OrderPatternReport.ProductCount::product)
                        .collect(Collectors.joining(", ")),
                interval.gaps(),
                interval.mean(),
                interval.median(),
                report.duplicateOrdersOnLatestDate(),
                report.toJson(),
                runId);
        return lake.spark().createDataFrame(List.of(row), SCHEMA);
    }
}
