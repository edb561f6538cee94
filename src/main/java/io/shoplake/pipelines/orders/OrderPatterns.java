package io.shoplake.pipelines.orders;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.shoplake.pipelines.orders.OrderPatternReport.HourOrders;
import io.shoplake.pipelines.orders.OrderPatternReport.ProductCount;
import io.shoplake.pipelines.orders.OrderPatternReport.RepurchaseInterval;
import io.shoplake.pipelines.orders.OrderPatternReport.TimeOfDay;
import io.shoplake.pipelines.orders.OrderPatternReport.WeekdayOrders;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The order-pattern report computed from silver orders, order items and products. Only small results (one row per
 * weekday, hour, product or distinct gap length) reach the driver, so it scales with the cluster.
 */
public final class OrderPatterns {

    private OrderPatterns() {}

    /** The latest order date in silver orders; empty when there are none. */
    public static Optional<LocalDate> latestOrderDate(Dataset<Row> orders) {
        Row latest = orders.agg(max(col("order_date"))).first();
        return latest.isNullAt(0)
                ? Optional.empty()
                : Optional.of(latest.getDate(0).toLocalDate());
    }

    /**
     * Computes the report over orders on or before {@code asOf}.
     *
     * @param orders   silver orders: order_id, customer_id, ordered_at, order_date
     * @param items    silver order items: order_id, product_id
     * @param products silver products: product_id, product_name
     */
    public static OrderPatternReport compute(
            Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products, LocalDate asOf) {
        Dataset<Row> scoped = orders.where(col("order_date").leq(lit(Date.valueOf(asOf))))
                .select("order_id", "customer_id", "ordered_at", "order_date");
        long orderCount = scoped.count();
        Map<String, Long> byWeekday = ordersByWeekday(scoped);
        return new OrderPatternReport(
                asOf,
                orderCount,
                byWeekday,
                busiestWeekdays(byWeekday),
                timeOfDay(scoped),
                firstOrderProducts(scoped, items, products),
                repurchaseIntervals(scoped),
                duplicateOrdersOnLatestDate(scoped));
    }

    /** Orders per weekday, Monday to Sunday, zeros included. */
    static Map<String, Long> ordersByWeekday(Dataset<Row> orders) {
        Map<Integer, Long> bySparkDay = new TreeMap<>();
        for (Row row : orders.groupBy(dayofweek(col("order_date")).as("day"))
                .agg(count(lit(1)))
                .collectAsList()) {
            bySparkDay.put(row.getInt(0), row.getLong(1));
        }
        Map<String, Long> byWeekday = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            // Spark's dayofweek: 1 = Sunday ... 7 = Saturday; java.time: Monday = 1 ... Sunday = 7.
            int sparkDay = day.getValue() % 7 + 1;
            byWeekday.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), bySparkDay.getOrDefault(sparkDay, 0L));
        }
        return byWeekday;
    }

    static List<WeekdayOrders> busiestWeekdays(Map<String, Long> byWeekday) {
        long most = byWeekday.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (most == 0) {
            return List.of();
        }
        return byWeekday.entrySet().stream()
                .filter(e -> e.getValue() == most)
                .map(e -> new WeekdayOrders(e.getKey(), e.getValue()))
                .toList();
    }

    /** Orders per UTC hour, unless every order is at midnight: then the data holds no time of day. */
    static TimeOfDay timeOfDay(Dataset<Row> orders) {
        Row timed = orders.agg(count(
                        when(col("ordered_at").notEqual(col("order_date").cast(DataTypes.TimestampType)), lit(1))))
                .first();
        if (timed.getLong(0) == 0) {
            return new TimeOfDay(false, Map.of(), List.of());
        }
        Map<Integer, Long> byHour = new LinkedHashMap<>();
        for (int h = 0; h < 24; h++) {
            byHour.put(h, 0L);
        }
        for (Row row :
                orders.groupBy(hour(col("ordered_at"))).agg(count(lit(1))).collectAsList()) {
            byHour.put(row.getInt(0), row.getLong(1));
        }
        long most = byHour.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<HourOrders> busiest = byHour.entrySet().stream()
                .filter(e -> e.getValue() == most)
                .map(e -> new HourOrders(e.getKey(), e.getValue()))
                .toList();
        return new TimeOfDay(true, byHour, busiest);
    }

    /**
     * The products on most lines of customers' first orders (every order on a customer's earliest order date), all
     * those tied for first place, by name.
     */
    static List<ProductCount> firstOrderProducts(Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products) {
        Dataset<Row> firstOrders = orders.withColumn(
                        "first_date", min(col("order_date")).over(Window.partitionBy("customer_id")))
                .where(col("order_date").equalTo(col("first_date")))
                .select("order_id");
        Dataset<Row> counts = items.select("order_id", "product_id")
                .join(firstOrders, "order_id")
                .groupBy("product_id")
                .agg(count(lit(1)).as("lines"));
        Row top = counts.agg(max(col("lines"))).first();
        if (top.isNullAt(0)) {
            return List.of();
        }
        List<ProductCount> tied = new ArrayList<>();
        Dataset<Row> names = products.select(col("product_id").as("named_id"), col("product_name"));
        Dataset<Row> leaders = counts.where(col("lines").equalTo(top.getLong(0)));
        for (Row row : leaders.join(names, leaders.col("product_id").equalTo(names.col("named_id")), "left")
                .collectAsList()) {
            String name = row.isNullAt(row.fieldIndex("product_name"))
                    ? String.valueOf(row.<Long>getAs("product_id"))
                    : row.getAs("product_name");
            tied.add(new ProductCount(name, row.getAs("lines")));
        }
        tied.sort(Comparator.comparing(ProductCount::product));
        return tied;
    }

    /** Gaps in days between consecutive orders of each customer (by date, then id), pooled. */
    static RepurchaseInterval repurchaseIntervals(Dataset<Row> orders) {
        WindowSpec byCustomer = Window.partitionBy("customer_id").orderBy(col("order_date"), col("order_id"));
        Dataset<Row> gaps = orders.withColumn(
                        "gap",
                        datediff(col("order_date"), lag(col("order_date"), 1).over(byCustomer)))
                .where(col("gap").isNotNull())
                .select("customer_id", "gap");
        TreeMap<Long, Long> histogram = new TreeMap<>();
        long total = 0;
        long sumOfGaps = 0;
        for (Row row : gaps.groupBy("gap").agg(count(lit(1))).collectAsList()) {
            long gap = row.getInt(0);
            long times = row.getLong(1);
            histogram.put(gap, times);
            total += times;
            sumOfGaps += gap * times;
        }
        if (total == 0) {
            return new RepurchaseInterval(null, null, null, null, 0, null);
        }
        Row customerMeans = gaps.groupBy("customer_id")
                .agg(avg(col("gap")).as("customer_mean"))
                .agg(avg(col("customer_mean")))
                .first();
        return new RepurchaseInterval(
                round((double) sumOfGaps / total),
                quantile(histogram, total, 0.5),
                quantile(histogram, total, 0.25),
                quantile(histogram, total, 0.75),
                total,
                round(customerMeans.getDouble(0)));
    }

    /** Linear interpolation between order statistics (numpy's default): h = (n - 1) p. */
    static double quantile(TreeMap<Long, Long> histogram, long n, double p) {
        double h = (n - 1) * p;
        long lower = (long) Math.floor(h);
        double below = valueAt(histogram, lower);
        double above = valueAt(histogram, Math.min(lower + 1, n - 1));
        return below + (h - lower) * (above - below);
    }

    /** The k-th smallest value (0-based) of the multiset a histogram describes. */
    private static long valueAt(TreeMap<Long, Long> histogram, long k) {
        long seen = 0;
        for (Map.Entry<Long, Long> entry : histogram.entrySet()) {
            seen += entry.getValue();
            if (k < seen) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("index must be below " + seen + ", was: " + k);
    }

    /** Per customer: orders on their latest order date, except the one with the lowest id. */
    static long duplicateOrdersOnLatestDate(Dataset<Row> orders) {
        Row total = orders.withColumn("latest_date", max(col("order_date")).over(Window.partitionBy("customer_id")))
                .where(col("order_date").equalTo(col("latest_date")))
                .groupBy("customer_id")
                .agg(count(lit(1)).as("on_latest"))
                .agg(sum(col("on_latest").minus(1)))
                .first();
        return total.isNullAt(0) ? 0 : total.getLong(0);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
