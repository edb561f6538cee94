package io.shoplake.cli.publish;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key of each gold table people publish: the registry {@code publish} upserts by when no --key is given. */
final class PublishKeys {

    private static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("gold.covid_daily", List.of("country_code", "date")),
            Map.entry("gold.order_patterns", List.of("as_of")),
            Map.entry("silver.orders", List.of("order_id")),
            Map.entry("gold.next_order_predictions", List.of("as_of", "model", "customer_id")),
            Map.entry("gold.backtest_tracking", List.of("period_end")),
            Map.entry("gold.merchant_daily", List.of("merchant_id", "date")),
            Map.entry("gold.flyer_time_daily", List.of("user_id", "date")),
            Map.entry("gold.merchant_flyer_report", List.of("merchant_id", "flyer_id", "user_id", "date")),
            Map.entry("gold.industry_swings", List.of("as_of", "industry")),
            Map.entry("ops.dq_results", List.of("run_id", "table_name", "expectation")));

    private PublishKeys() {}

    static Optional<List<String>> of(String table) {
        return Optional.ofNullable(KEYS.get(table));
    }
}
