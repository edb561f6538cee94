package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.pipelines.orders.OrderPatternReport.HourOrders;
import io.shoplake.pipelines.orders.OrderPatternReport.ProductCount;
import io.shoplake.pipelines.orders.OrderPatternReport.RepurchaseInterval;
import io.shoplake.pipelines.orders.OrderPatternReport.WeekdayOrders;
import io.shoplake.testing.TestSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report on a handful of orders whose figures are worked out by hand in the comments. */
class OrderPatternsTest {

    private static final StructType ORDERS = new StructType()
            .add("order_id", DataTypes.LongType)
            .add("customer_id", DataTypes.LongType)
            .add("ordered_at", DataTypes.TimestampType)
            .add("order_date", DataTypes.DateType);
    private static final StructType ITEMS =
            new StructType().add("order_id", DataTypes.LongType).add("product_id", DataTypes.LongType);
    private static final StructType PRODUCTS =
            new StructType().add("product_id", DataTypes.LongType).add("product_name", DataTypes.StringType);

    private static Row order(long id, long customer, String at) {
        Instant instant = Instant.parse(at.length() == 10 ? at + "T00:00:00Z" : at);
        return RowFactory.create(id, customer, Timestamp.from(instant), Date.valueOf(at.substring(0, 10)));
    }

    // 2024-01-01 is a Monday.
    // customer 1: orders 1 and 2 on Mon 01-01 (same day), 3 on Thu 01-04, 4 on Thu 01-11 -> gaps 0, 3, 7
    // customer 2: order 5 on Tue 01-02, 6 and 7 on Fri 01-12 -> gaps 10, 0; two orders on the latest date
    // customer 3: order 8 on Mon 01-08, 10 on Thu 01-18 -> gap 10
    // customer 4: order 9 on Sat 01-20 only
    private static Dataset<Row> orders() {
        return TestSpark.spark()
                .createDataFrame(
                        List.of(
                                order(1, 1, "2024-01-01"),
                                order(2, 1, "2024-01-01"),
                                order(3, 1, "2024-01-04"),
                                order(4, 1, "2024-01-11"),
                                order(5, 2, "2024-01-02"),
                                order(6, 2, "2024-01-12"),
                                order(7, 2, "2024-01-12"),
                                order(8, 3, "2024-01-08"),
                                order(10, 3, "2024-01-18"),
                                order(9, 4, "2024-01-20")),
                        ORDERS);
    }

    // First orders: 1, 2 (customer 1), 5 (2), 8 (3), 9 (4). Products on them: 1 x2 (orders 1, 2), 2 x2 (1, 5),
    // 3 x3 (2, 5, 9), 4 x1 (8). Orders 3 and 4 are not first orders.
    private static Dataset<Row> items() {
        List<Row> rows = new ArrayList<>();
        long[][] pairs = {{1, 1}, {1, 2}, {2, 1}, {2, 3}, {5, 2}, {5, 3}, {8, 4}, {9, 3}, {3, 4}, {4, 4}, {3, 1}};
        for (long[] pair : pairs) {
            rows.add(RowFactory.create(pair[0], pair[1]));
        }
        return TestSpark.spark().createDataFrame(rows, ITEMS);
    }

    private static Dataset<Row> products() {
        return TestSpark.spark()
                .createDataFrame(
                        List.of(
                                RowFactory.create(1L, "Camera"),
                                RowFactory.create(2L, "Laptop"),
                                RowFactory.create(4L, "Phone")),
                        PRODUCTS);
    }

    private static Map<String, Long> week(long mon, long tue, long wed, long thu, long fri, long sat, long sun) {
        Map<String, Long> week = new LinkedHashMap<>();
        week.put("Monday", mon);
        week.put("Tuesday", tue);
        week.put("Wednesday", wed);
        week.put("Thursday", thu);
        week.put("Friday", fri);
        week.put("Saturday", sat);
        week.put("Sunday", sun);
        return week;
    }

    @Test
    void everyFigureOnHandWorkedData() {
        LocalDate latest = OrderPatterns.latestOrderDate(orders()).orElseThrow();
        OrderPatternReport report = OrderPatterns.compute(orders(), items(), products(), latest);

        assertThat(latest).isEqualTo(LocalDate.of(2024, 1, 20));
        assertThat(report.orders()).isEqualTo(10);
        assertThat(report.ordersByWeekday()).containsExactlyEntriesOf(week(3, 1, 0, 3, 2, 1, 0));
        assertThat(report.busiestWeekday())
                .containsExactly(new WeekdayOrders("Monday", 3), new WeekdayOrders("Thursday", 3));
        assertThat(report.timeOfDay().hasTimeOfDay()).isFalse();
        assertThat(report.timeOfDay().ordersByHour()).isEmpty();
        assertThat(report.timeOfDay().busiestHour()).isEmpty();
        // Product 3 has no product row: it is named by its id.
        assertThat(report.firstOrderProducts()).containsExactly(new ProductCount("3", 3));
        // Gaps sorted: 0 0 3 7 10 10 (n = 6). Mean 30 / 6 = 5. Type-7 quantiles, h = 5p:
        // p25: h 1.25 -> 0 + 0.25 * (3 - 0) = 0.75; median: h 2.5 -> 3 + 0.5 * 4 = 5; p75: h 3.75 -> 7 + 0.75 * 3 =
        // 9.25.
        // Customer means: 10/3, 5, 10 -> (3.333 + 5 + 10) / 3 = 6.111 -> 6.11.
        assertThat(report.repurchaseIntervalDays()).isEqualTo(new RepurchaseInterval(5.0, 5.0, 0.75, 9.25, 6, 6.11));
        assertThat(report.duplicateOrdersOnLatestDate()).isEqualTo(1);
    }

    @Test
    void asOfLeavesLaterOrdersOutAndTiedFirstProductsAreAllListed() {
        OrderPatternReport report = OrderPatterns.compute(orders(), items(), products(), LocalDate.of(2024, 1, 19));

        assertThat(report.orders()).isEqualTo(9);
        assertThat(report.ordersByWeekday()).containsExactlyEntriesOf(week(3, 1, 0, 3, 2, 0, 0));
        // Without order 9, products 1, 2 and 3 are on two first-order lines each.
        assertThat(report.firstOrderProducts())
                .containsExactly(
                        new ProductCount("3", 2), new ProductCount("Camera", 2), new ProductCount("Laptop", 2));
        assertThat(report.repurchaseIntervalDays().gaps()).isEqualTo(6);
    }

    @Test
    void asOfBeforeTheSecondOrdersChangesGapsAndDuplicates() {
        // Up to 01-02: customer 1 has orders 1 and 2 on 01-01 (gap 0, one duplicate), customer 2 order 5.
        OrderPatternReport report = OrderPatterns.compute(orders(), items(), products(), LocalDate.of(2024, 1, 2));

        assertThat(report.orders()).isEqualTo(3);
        assertThat(report.repurchaseIntervalDays()).isEqualTo(new RepurchaseInterval(0.0, 0.0, 0.0, 0.0, 1, 0.0));
        assertThat(report.duplicateOrdersOnLatestDate()).isEqualTo(1);
        assertThat(report.busiestWeekday()).containsExactly(new WeekdayOrders("Monday", 2));
    }

    @Test
    void timesOfDayAreCountedPerHourAndTiedHoursListed() {
        Dataset<Row> timed = TestSpark.spark()
                .createDataFrame(
                        List.of(
                                order(1, 1, "2024-01-01T09:15:00Z"),
                                order(2, 1, "2024-01-03T09:59:59Z"),
                                order(3, 2, "2024-01-01T14:00:00Z"),
                                order(4, 2, "2024-01-05T14:30:00Z"),
                                order(5, 3, "2024-01-05")),
                        ORDERS);

        OrderPatternReport report = OrderPatterns.compute(timed, items(), products(), LocalDate.of(2024, 1, 5));

        assertThat(report.timeOfDay().hasTimeOfDay()).isTrue();
        Map<Integer, Long> byHour = new TreeMap<>();
        for (int h = 0; h < 24; h++) {
            byHour.put(h, 0L);
        }
        byHour.put(0, 1L);
        byHour.put(9, 2L);
        byHour.put(14, 2L);
        assertThat(report.timeOfDay().ordersByHour()).containsExactlyEntriesOf(byHour);
        assertThat(report.timeOfDay().busiestHour()).containsExactly(new HourOrders(9, 2), new HourOrders(14, 2));
        // Gaps: customer 1 2 days, customer 2 4 days (dates, not hours).
        assertThat(report.repurchaseIntervalDays()).isEqualTo(new RepurchaseInterval(3.0, 3.0, 2.5, 3.5, 2, 3.0));
    }

    @Test
    void theJsonHasExactlyTheReportFields() throws Exception {
        OrderPatternReport report = OrderPatterns.compute(orders(), items(), products(), LocalDate.of(2024, 1, 20));

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());

        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "as_of",
                        "orders",
                        "orders_by_weekday",
                        "busiest_weekday",
                        "time_of_day",
                        "first_order_products",
                        "repurchase_interval_days",
                        "duplicate_orders_on_latest_date");
        assertThat(json.get("as_of").asText()).isEqualTo("2024-01-20");
        assertThat(json.get("busiest_weekday").toString())
                .isEqualTo("[{\"weekday\":\"Monday\",\"orders\":3},{\"weekday\":\"Thursday\",\"orders\":3}]");
        assertThat(json.get("time_of_day").toString())
                .isEqualTo("{\"has_time_of_day\":false,\"orders_by_hour\":{},\"busiest_hour\":[]}");
        assertThat(json.get("repurchase_interval_days").toString())
                .isEqualTo(
                        "{\"mean\":5.0,\"median\":5.0,\"p25\":0.75,\"p75\":9.25,\"gaps\":6,\"mean_of_customer_means\":6.11}");
        assertThat(json.get("first_order_products").toString()).isEqualTo("[{\"product\":\"3\",\"count\":3}]");
    }
}
