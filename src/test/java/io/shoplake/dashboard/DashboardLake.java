package io.shoplake.dashboard;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A lake with known, hand-written rows in every table the dashboard charts (the shapes the pipelines write), so
 * the charts, the JSON endpoints and the Grafana panels can be checked against exact values.
 */
public final class DashboardLake {

    private DashboardLake() {}

    public static void fill(Lakehouse lake) {
        write(
                lake,
                TableId.gold("covid_daily"),
                new StructType()
                        .add("country_code", DataTypes.StringType)
                        .add("country", DataTypes.StringType)
                        .add("date", DataTypes.DateType)
                        .add("cumulative", DataTypes.LongType)
                        .add("new_cases", DataTypes.LongType)
                        .add("avg_7d", DataTypes.DoubleType)
                        .add("is_cumulative_decrease", DataTypes.BooleanType),
                List.of(
                        RowFactory.create("MY", "Malaysia", date("2021-03-01"), 5L, null, null, false),
                        RowFactory.create("MY", "Malaysia", date("2021-03-02"), 8L, 3L, null, false),
                        RowFactory.create("SG", "Singapore", date("2021-03-01"), 10L, null, null, false),
                        RowFactory.create("SG", "Singapore", date("2021-03-02"), 12L, 2L, null, false),
                        RowFactory.create("SG", "Singapore", date("2021-03-03"), 15L, 3L, null, false),
                        RowFactory.create("SG", "Singapore", date("2021-03-04"), 14L, -1L, null, true),
                        RowFactory.create("SG", "Singapore", date("2021-03-05"), 20L, 6L, 1.5, false)));
        write(
                lake,
                TableId.silver("orders"),
                new StructType().add("order_id", DataTypes.LongType).add("order_date", DataTypes.DateType),
                List.of(
                        RowFactory.create(1L, date("2024-02-05")),
                        RowFactory.create(2L, date("2024-02-05")),
                        RowFactory.create(3L, date("2024-02-06")),
                        RowFactory.create(4L, date("2024-02-08")),
                        RowFactory.create(5L, date("2024-02-08")),
                        RowFactory.create(6L, date("2024-02-08"))));
        write(
                lake,
                TableId.gold("order_patterns"),
                new StructType()
                        .add("as_of", DataTypes.DateType)
                        .add("orders", DataTypes.LongType)
                        .add("busiest_weekday", DataTypes.StringType)
                        .add("repurchase_mean_days", DataTypes.DoubleType)
                        .add("repurchase_median_days", DataTypes.DoubleType)
                        .add("report_json", DataTypes.StringType),
                List.of(
                        RowFactory.create(
                                date("2024-02-07"),
                                3L,
                                "Monday",
                                1.0,
                                1.0,
                                "{\"orders_by_weekday\":{\"Monday\":2,\"Tuesday\":1}}"),
                        RowFactory.create(
                                date("2024-02-08"),
                                6L,
                                "Thursday",
                                1.5,
                                1.0,
                                "{\"orders_by_weekday\":{\"Monday\":2,\"Tuesday\":1,\"Wednesday\":0,\"Thursday\":3}}")));
        write(
                lake,
                TableId.gold("industry_swings"),
                new StructType()
                        .add("as_of", DataTypes.DateType)
                        .add("industry", DataTypes.StringType)
                        .add("rank", DataTypes.IntegerType)
                        .add("window_amount", DataTypes.DoubleType)
                        .add("window_orders", DataTypes.LongType)
                        .add("baseline_daily_avg", DataTypes.DoubleType)
                        .add("change", DataTypes.DoubleType)
                        .add("change_pct", DataTypes.DoubleType),
                List.of(
                        RowFactory.create(date("2024-02-07"), "Retail", 1, 50.0, 2L, 40.0, 10.0, 25.0),
                        RowFactory.create(date("2024-02-08"), "Energy", 1, 300.0, 6L, 100.0, 200.0, 200.0),
                        RowFactory.create(date("2024-02-08"), "Retail", 2, 20.0, 1L, 40.0, -20.0, -50.0),
                        RowFactory.create(date("2024-02-08"), "Banking", 3, 90.0, 3L, 100.0, -10.0, -10.0)));
        write(
                lake,
                TableId.gold("merchant_daily"),
                new StructType()
                        .add("merchant_id", DataTypes.LongType)
                        .add("date", DataTypes.DateType)
                        .add("flyers", DataTypes.LongType)
                        .add("users", DataTypes.LongType)
                        .add("views", DataTypes.LongType)
                        .add("total_seconds", DataTypes.createDecimalType(18, 3))
                        .add("avg_seconds_per_user", DataTypes.DoubleType),
                List.of(
                        RowFactory.create(7L, date("2024-02-07"), 1L, 1L, 1L, new java.math.BigDecimal("5.000"), 5.0),
                        RowFactory.create(
                                7L, date("2024-02-08"), 2L, 4L, 9L, new java.math.BigDecimal("100.000"), 25.0),
                        RowFactory.create(
                                9L, date("2024-02-08"), 1L, 2L, 3L, new java.math.BigDecimal("90.000"), 45.0)));
        write(
                lake,
                TableId.gold("next_order_predictions"),
                new StructType()
                        .add("customer_id", DataTypes.StringType)
                        .add("as_of", DataTypes.DateType)
                        .add("model", DataTypes.StringType)
                        .add("p_order_in_horizon", DataTypes.DoubleType)
                        .add("expected_orders_in_horizon", DataTypes.DoubleType),
                List.of(
                        RowFactory.create("c1", date("2024-02-08"), "BG/NBD", 0.9, 1.4),
                        RowFactory.create("c2", date("2024-02-08"), "BG/NBD", 0.3, 0.4),
                        RowFactory.create("c3", date("2024-02-08"), "BG/NBD", 0.6, 0.8),
                        RowFactory.create("c1", date("2024-02-01"), "BG/NBD", 0.1, 0.1)));
        write(
                lake,
                TableId.gold("backtest_tracking"),
                new StructType()
                        .add("period_end", DataTypes.DateType)
                        .add("actual", DataTypes.LongType)
                        .add("predicted", DataTypes.DoubleType)
                        .add("cumulative_actual", DataTypes.LongType)
                        .add("cumulative_predicted", DataTypes.DoubleType)
                        .add("model", DataTypes.StringType)
                        .add("calibration_end", DataTypes.DateType)
                        .add("holdout_end", DataTypes.DateType),
                List.of(
                        RowFactory.create(
                                date("2024-01-07"), 4L, 3.5, 4L, 3.5, "BG/NBD", date("2023-12-31"), date("2024-01-14")),
                        RowFactory.create(
                                date("2024-01-14"),
                                2L,
                                3.0,
                                6L,
                                6.5,
                                "BG/NBD",
                                date("2023-12-31"),
                                date("2024-01-14"))));
        write(
                lake,
                TableId.ops("dq_results"),
                new StructType()
                        .add("run_id", DataTypes.StringType)
                        .add("table_name", DataTypes.StringType)
                        .add("expectation", DataTypes.StringType)
                        .add("action", DataTypes.StringType)
                        .add("rows_checked", DataTypes.LongType)
                        .add("rows_failed", DataTypes.LongType)
                        .add("passed", DataTypes.BooleanType)
                        .add("detail", DataTypes.StringType)
                        .add("as_of", DataTypes.DateType)
                        .add("checked_at", DataTypes.TimestampType),
                List.of(
                        RowFactory.create(
                                "r1",
                                "silver.orders",
                                "order_id_present",
                                "QUARANTINE",
                                10L,
                                0L,
                                true,
                                null,
                                date("2024-02-07"),
                                timestamp("2024-02-07 06:00:00")),
                        RowFactory.create(
                                "r1",
                                "silver.orders",
                                "orders_fresh",
                                "WARN",
                                10L,
                                2L,
                                false,
                                "late",
                                date("2024-02-07"),
                                timestamp("2024-02-07 06:00:00")),
                        RowFactory.create(
                                "r2",
                                "silver.orders",
                                "order_id_present",
                                "QUARANTINE",
                                12L,
                                1L,
                                false,
                                null,
                                date("2024-02-08"),
                                timestamp("2024-02-08 06:00:00")),
                        RowFactory.create(
                                "r2",
                                "silver.orders",
                                "orders_fresh",
                                "WARN",
                                12L,
                                0L,
                                true,
                                null,
                                date("2024-02-08"),
                                timestamp("2024-02-08 06:00:00")),
                        RowFactory.create(
                                "r2",
                                "silver.customers",
                                "customer_id_unique",
                                "FAIL",
                                5L,
                                0L,
                                true,
                                null,
                                date("2024-02-08"),
                                timestamp("2024-02-08 06:00:00"))));
    }

    private static void write(Lakehouse lake, TableId table, StructType schema, List<Row> rows) {
        lake.replace(table, lake.spark().createDataFrame(rows, schema));
    }

    private static Date date(String text) {
        return Date.valueOf(text);
    }

    private static Timestamp timestamp(String text) {
        return Timestamp.valueOf(text);
    }
}
