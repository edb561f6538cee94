package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order-pattern report for one as-of date (orders on or before it). Serialised with snake_case names:
 * {@code as_of, orders, orders_by_weekday, busiest_weekday, time_of_day, first_order_products,
 * repurchase_interval_days, duplicate_orders_on_latest_date}.
 *
 * @param ordersByWeekday             orders per weekday, Monday to Sunday, zeros included
 * @param busiestWeekday              every weekday with the most orders (several when tied), Monday first
 * @param firstOrderProducts          the products on most first-order lines, every one tied for first place
 * @param duplicateOrdersOnLatestDate per customer, the orders on their latest order date except the lowest id
 */
public record OrderPatternReport(
        LocalDate asOf,
        long orders,
        Map<String, Long> ordersByWeekday,
        List<WeekdayOrders> busiestWeekday,
        TimeOfDay timeOfDay,
        List<ProductCount> firstOrderProducts,
        RepurchaseInterval repurchaseIntervalDays,
        long duplicateOrdersOnLatestDate) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public OrderPatternReport {
        requireNonNull(asOf, "asOf is null");
        ordersByWeekday = Collections.unmodifiableMap(new LinkedHashMap<>(ordersByWeekday));
        busiestWeekday = List.copyOf(busiestWeekday);
        requireNonNull(timeOfDay, "timeOfDay is null");
        firstOrderProducts = List.copyOf(firstOrderProducts);
        requireNonNull(repurchaseIntervalDays, "repurchaseIntervalDays is null");
    }

    /** One weekday and its number of orders. */
    public record WeekdayOrders(String weekday, long orders) {}

    /** One hour of the day (0-23, UTC) and its number of orders. */
    public record HourOrders(int hour, long orders) {}

    /** A product (by name; its id when it has none) and how many first-order lines name it. */
    public record ProductCount(String product, long count) {}

    /**
     * When orders are placed in the day. {@code hasTimeOfDay} is false when every order timestamp is at midnight
     * (the data holds dates only): then {@code ordersByHour} is empty and no busiest hour is named.
     */
    public record TimeOfDay(boolean hasTimeOfDay, Map<Integer, Long> ordersByHour, List<HourOrders> busiestHour) {
        public TimeOfDay {
            ordersByHour = Collections.unmodifiableMap(new LinkedHashMap<>(ordersByHour));
            busiestHour = List.copyOf(busiestHour);
        }
    }

    /**
     * Days between consecutive orders of the same customer (by date, then id; same-day pairs are 0), pooled over
     * customers. Quantiles interpolate linearly between order statistics (numpy's default, Hyndman-Fan type 7);
     * means are rounded to 2 decimals. Null figures when there is no gap.
     *
     * @param meanOfCustomerMeans the mean, over customers with at least one gap, of each customer's mean gap
     */
    public record RepurchaseInterval(
            Double mean, Double median, Double p25, Double p75, long gaps, Double meanOfCustomerMeans) {}

    /** The report as one-line JSON (snake_case names), as stored in {@code gold.order_patterns}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot render the order-pattern report as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
