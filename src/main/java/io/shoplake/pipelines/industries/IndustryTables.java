package io.shoplake.pipelines.industries;

import io.shoplake.lakehouse.TableId;

/**
 * The industries pipeline's tables and their grains.
 * <ul>
 *   <li>{@code bronze.industry_customers}: one row per customers-file line, as received</li>
 *   <li>{@code silver.industry_customers}: one row per customer_id (the newest drop wins)</li>
 *   <li>{@code silver.industry_customer_industries}: one row per customer_id and reference industry</li>
 *   <li>{@code silver.industries}: the reference list, one row per industry</li>
 *   <li>{@code bronze.industry_orders_raw}: one row per received message (file line or Kafka record)</li>
 *   <li>{@code silver.industry_orders}: one row per order_id (the first valid copy)</li>
 *   <li>{@code silver.industry_order_lines}: one row per order_id and line_no</li>
 *   <li>{@code gold.industry_swings}: one row per as_of and reference industry</li>
 *   <li>{@code gold.industry_swings_unassigned}: one row per as_of: orders no industry could claim</li>
 * </ul>
 */
public final class IndustryTables {

    public static final TableId BRONZE_CUSTOMERS = TableId.bronze("industry_customers");
    public static final TableId CUSTOMERS = TableId.silver("industry_customers");
    public static final TableId CUSTOMER_INDUSTRIES = TableId.silver("industry_customer_industries");
    public static final TableId INDUSTRIES = TableId.silver("industries");
    public static final TableId BRONZE_ORDERS = TableId.bronze("industry_orders_raw");
    public static final TableId ORDERS = TableId.silver("industry_orders");
    public static final TableId ORDER_LINES = TableId.silver("industry_order_lines");
    public static final TableId SWINGS = TableId.gold("industry_swings");
    public static final TableId UNASSIGNED = TableId.gold("industry_swings_unassigned");

    private IndustryTables() {}
}
