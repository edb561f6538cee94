package io.shoplake.pipelines.customers360;

import io.shoplake.lakehouse.TableId;
import java.util.List;

/**
 * The customer-360 tables and their contracts (grain and keys); docs/customers360.md has every column. The
 * {@code c360_} prefix keeps them apart from the orders pipeline's {@code silver.customers} and
 * {@code silver.products}.
 */
public final class Customers360Tables {

    /** One row per customer record as received: raw JSON text, file, position, day. Partitioned by day. */
    public static final TableId BRONZE = TableId.bronze("c360_customer_records");

    /** One row per customer id: the newest values. */
    public static final TableId CUSTOMERS = TableId.silver("c360_customers");
    /** One row per transaction id. */
    public static final TableId TRANSACTIONS = TableId.silver("c360_transactions");
    /** One row per product id: the newest name and every name it had. */
    public static final TableId PRODUCTS = TableId.silver("c360_products");
    /** One row per export day, customer and invariant: passed, or the values that broke it. Partitioned by day. */
    public static final TableId CHECKS = TableId.silver("c360_customer_checks");
    /** One row per transaction with its customer's and product's current attributes, for analysts. */
    public static final TableId CUSTOMER_TRANSACTIONS = TableId.silver("c360_customer_transactions");

    /** Grain: one transaction. */
    public static final TableId FACT_TRANSACTIONS = TableId.gold("fact_transactions");
    /** SCD type 2: one row per customer version (a change of email or name opens a new one). */
    public static final TableId DIM_CUSTOMER = TableId.gold("dim_customer");
    /** One row per product (type 1: the newest name). */
    public static final TableId DIM_PRODUCT = TableId.gold("dim_product");
    /** One row per calendar date a transaction falls on. */
    public static final TableId DIM_DATE = TableId.gold("dim_date");

    public static final List<TableId> SILVER =
            List.of(CUSTOMERS, TRANSACTIONS, PRODUCTS, CHECKS, CUSTOMER_TRANSACTIONS);
    public static final List<TableId> GOLD = List.of(FACT_TRANSACTIONS, DIM_CUSTOMER, DIM_PRODUCT, DIM_DATE);

    /** The pipeline's name in {@code ops.runs}. */
    public static final String JOB = "customers360";

    private Customers360Tables() {}
}
