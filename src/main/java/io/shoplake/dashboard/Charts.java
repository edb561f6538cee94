package io.shoplake.dashboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every chart of the dashboard, in page order. Charts read gold and ops tables by name (never a pipeline's classes)
 * and answer small aggregated series.
 */
public final class Charts {

    static final TableId COVID_DAILY = TableId.gold("covid_daily");
    static final TableId ORDERS = TableId.silver("orders");
    static final TableId ORDER_PATTERNS = TableId.gold("order_patterns");
    static final TableId INDUSTRY_SWINGS = TableId.gold("industry_swings");
    static final TableId MERCHANT_DAILY = TableId.gold("merchant_daily");
    static final TableId PREDICTIONS = TableId.gold("next_order_predictions");
    static final TableId BACKTEST_TRACKING = TableId.gold("backtest_tracking");
    static final TableId DQ_RESULTS = TableId.ops("dq_results");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {}

    /** The charts in page order. */
    public static List<Chart> all() {
        return List.of(
                new Chart(
                        "covid",
                        "COVID-19 cases",
                        List.of(new Chart.Source(COVID_DAILY, "./shoplake ingest covid --from FILE")),
                        Set.of("country"),
                        Charts::covid),
                new Chart(
                        "orders",
                        "Orders per day",
                        List.of(new Chart.Source(
                                ORDERS, "./shoplake ingest orders --from DIR && ./shoplake build orders")),
                        Set.of(),
                        Charts::orders),
                new Chart(
                        "order-patterns",
                        "Order patterns",
                        List.of(new Chart.Source(ORDER_PATTERNS, "./shoplake report order-patterns")),
                        Set.of(),
                        Charts::orderPatterns),
                new Chart(
                        "industries",
                        "Industry swings",
                        List.of(new Chart.Source(INDUSTRY_SWINGS, "./shoplake run industry-swings")),
                        Set.of("top"),
                        Charts::industries),
                new Chart(
                        "flyers",
                        "Flyer engagement per merchant",
                        List.of(new Chart.Source(MERCHANT_DAILY, "./shoplake run flyer-engagement")),
                        Set.of("date"),
                        Charts::flyers),
                new Chart(
                        "buyers",
                        "Next-order buyer list",
                        List.of(new Chart.Source(PREDICTIONS, "./shoplake predict next-orders")),
                        Set.of("limit"),
                        Charts::buyers),
                new Chart(
                        "backtest",
                        "Backtest: calibration/holdout tracking",
                        List.of(new Chart.Source(
                                BACKTEST_TRACKING,
                                "./shoplake predict backtest --calibration-end DATE --holdout-end DATE")),
                        Set.of(),
                        Charts::backtest),
                new Chart(
                        "quality",
                        "Data quality over time",
                        List.of(new Chart.Source(DQ_RESULTS, "./shoplake build orders")),
                        Set.of(),
                        Charts::quality));
    }

    /** Cumulative, daily and 7-day average cases of one country (default: the first by code). */
    static Map<String, Object> covid(Lakehouse lake, Params params) {
        Dataset<Row> daily = lake.read(COVID_DAILY);
        List<String> countries =
                daily.select("country_code").distinct().orderBy("country_code").collectAsList().stream()
                        .map(r -> r.getString(0))
                        .toList();
        String wanted = params.text("country", "[A-Za-z][A-Za-z .'()-]{0,59}", "a country code or name")
                .orElse(countries.isEmpty() ? "" : countries.get(0));
        Dataset<Row> rows = daily.where(lower(col("country_code"))
                        .equalTo(lit(wanted.toLowerCase()))
                        .or(lower(col("country")).equalTo(lit(wanted.toLowerCase()))))
                .orderBy("date");
        List<Row> list = rows.select(
                        "country_code",
                        "country",
                        "date",
                        "cumulative",
                        "new_cases",
                        "avg_7d",
                        "is_cumulative_decrease")
                .collectAsList();
        if (list.isEmpty()) {
            throw new BadParameterException(
                    "no country '" + wanted + "' in " + COVID_DAILY + " (known: " + countries + ")");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("country_code", list.get(0).getString(0));
        answer.put("country", list.get(0).getString(1));
        answer.put("countries", countries);
        answer.put("dates", column(list, 2));
        answer.put("cumulative", column(list, 3));
        answer.put("new_cases", column(list, 4));
        answer.put("avg_7d", column(list, 5));
        answer.put(
                "decreases",
                list.stream()
                        .filter(r -> r.getBoolean(6))
                        .map(r -> value(r.get(2)))
                        .toList());
        return answer;
    }

    static Map<String, Object> orders(Lakehouse lake, Params params) {
        List<Row> list = lake.read(ORDERS)
                .where(col("order_date").isNotNull())
                .groupBy("order_date")
                .agg(count(lit(1)).as("orders"))
                .orderBy("order_date")
                .collectAsList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dates", column(list, 0));
        answer.put("orders", column(list, 1));
        return answer;
    }

    /** The latest order-pattern report: orders by weekday and the repurchase figures. */
    static Map<String, Object> orderPatterns(Lakehouse lake, Params params) {
        Row row = lake.read(ORDER_PATTERNS).orderBy(col("as_of").desc()).first();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("as_of", value(row.getAs("as_of")));
        answer.put("orders", value(row.getAs("orders")));
        answer.put("busiest_weekday", row.getAs("busiest_weekday"));
        answer.put("repurchase_mean_days", value(row.getAs("repurchase_mean_days")));
        answer.put("repurchase_median_days", value(row.getAs("repurchase_median_days")));
        List<String> weekdays = new ArrayList<>();
        List<Object> counts = new ArrayList<>();
        try {
            JsonNode report = JSON.readTree((String) row.getAs("report_json"));
            JsonNode byWeekday =
                    report.has("orders_by_weekday") ? report.get("orders_by_weekday") : report.path("ordersByWeekday");
            byWeekday.fields().forEachRemaining(e -> {
                weekdays.add(e.getKey());
                counts.add(e.getValue().asLong());
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "gold.order_patterns.report_json is not JSON: " + e.getOriginalMessage(), e);
        }
        answer.put("weekdays", weekdays);
        answer.put("weekday_orders", counts);
        return answer;
    }

    /** The latest as-of date's top industries by rank: window amount against the baseline. */
    static Map<String, Object> industries(Lakehouse lake, Params params) {
        int top = params.integer("top", 10, 1, 100);
        Dataset<Row> swings = lake.read(INDUSTRY_SWINGS);
        Row latest = swings.agg(max("as_of")).first();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("as_of", value(latest.get(0)));
        List<Row> list = latest.isNullAt(0)
                ? List.of()
                : swings.where(col("as_of").equalTo(lit(latest.get(0))))
                        .orderBy(col("rank"), col("industry"))
                        .limit(top)
                        .select(
                                "industry",
                                "window_amount",
                                "baseline_daily_avg",
                                "change",
                                "change_pct",
                                "window_orders")
                        .collectAsList();
        answer.put("industries", column(list, 0));
        answer.put("window_amount", column(list, 1));
        answer.put("baseline_daily_avg", column(list, 2));
        answer.put("change", column(list, 3));
        answer.put("change_pct", column(list, 4));
        answer.put("window_orders", column(list, 5));
        return answer;
    }

    /** One date's merchants (default: the latest date): seconds per user, users and views. */
    static Map<String, Object> flyers(Lakehouse lake, Params params) {
        Dataset<Row> merchants = lake.read(MERCHANT_DAILY);
        Object date = params.date("date")
                .map(d -> (Object) Date.valueOf(d))
                .orElseGet(() -> merchants.agg(max("date")).first().get(0));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("date", value(date));
        List<Row> list = date == null
                ? List.of()
                : merchants
                        .where(col("date").equalTo(lit(date)))
                        .orderBy(col("avg_seconds_per_user").desc(), col("merchant_id"))
                        .select(
                                col("merchant_id").cast("string"),
                                col("avg_seconds_per_user"),
                                col("users"),
                                col("views"))
                        .collectAsList();
        if (params.values().containsKey("date") && list.isEmpty()) {
            throw new BadParameterException("no merchant rows on " + value(date) + " in " + MERCHANT_DAILY);
        }
        answer.put("merchants", column(list, 0));
        answer.put("avg_seconds_per_user", column(list, 1));
        answer.put("users", column(list, 2));
        answer.put("views", column(list, 3));
        return answer;
    }

    /** The customers most likely to order in the horizon, from the latest prediction. */
    static Map<String, Object> buyers(Lakehouse lake, Params params) {
        int limit = params.integer("limit", 10, 1, 1000);
        Dataset<Row> predictions = lake.read(PREDICTIONS);
        Row latest = predictions.agg(max("as_of")).first();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("as_of", value(latest.get(0)));
        List<Row> list = latest.isNullAt(0)
                ? List.of()
                : predictions
                        .where(col("as_of").equalTo(lit(latest.get(0))))
                        .orderBy(col("p_order_in_horizon").desc(), col("customer_id"))
                        .limit(limit)
                        .select("customer_id", "p_order_in_horizon", "expected_orders_in_horizon", "model")
                        .collectAsList();
        answer.put("customers", column(list, 0));
        answer.put("p_order_in_horizon", column(list, 1));
        answer.put("expected_orders_in_horizon", column(list, 2));
        answer.put("model", list.isEmpty() ? null : list.get(0).getString(3));
        return answer;
    }

    /** Weekly actual and predicted repeat purchases of the last backtest, cumulative. */
    static Map<String, Object> backtest(Lakehouse lake, Params params) {
        List<Row> list = lake.read(BACKTEST_TRACKING)
                .orderBy("period_end")
                .select(
                        "period_end",
                        "cumulative_actual",
                        "cumulative_predicted",
                        "actual",
                        "predicted",
                        "model",
                        "calibration_end",
                        "holdout_end")
                .collectAsList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model", list.isEmpty() ? null : list.get(0).getString(5));
        answer.put("calibration_end", list.isEmpty() ? null : value(list.get(0).get(6)));
        answer.put("holdout_end", list.isEmpty() ? null : value(list.get(0).get(7)));
        answer.put("period_ends", column(list, 0));
        answer.put("cumulative_actual", column(list, 1));
        answer.put("cumulative_predicted", column(list, 2));
        answer.put("actual", column(list, 3));
        answer.put("predicted", column(list, 4));
        return answer;
    }

    /** Per day checked: expectations passed and failed, and rows failing them. */
    static Map<String, Object> quality(Lakehouse lake, Params params) {
        List<Row> list = lake.read(DQ_RESULTS)
                .withColumn("day", org.apache.spark.sql.functions.to_date(col("checked_at")))
                .groupBy("day")
                .agg(
                        sum(when(col("passed"), 1).otherwise(0)).cast("long").as("passed"),
                        sum(when(col("passed"), 0).otherwise(1)).cast("long").as("failed"),
                        sum(col("rows_failed")).cast("long").as("rows_failed"))
                .orderBy("day")
                .collectAsList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("days", column(list, 0));
        answer.put("passed", column(list, 1));
        answer.put("failed", column(list, 2));
        answer.put("rows_failed", column(list, 3));
        return answer;
    }

    private static List<Object> column(List<Row> rows, int index) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            values.add(value(row.get(index)));
        }
        return values;
    }

    /** JSON-friendly values: dates as ISO text, decimals as doubles. */
    static Object value(Object value) {
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return value;
    }
}
