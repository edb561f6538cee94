package io.shoplake.bench;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.functions;

/**
 * The orders pipeline's shape with nothing but the engine, the floor under shoplake's ingest + silver build in
 * {@link OrdersIngestBench}: {@link #bronze} is Spark's CSV reader writing each file to an Iceberg table (with the
 * file and row order the dedupe needs); {@link #silver} is DuckDB's job as plain Spark SQL on those tables (the same
 * typing, rejects, newest-delivery-per-key dedupe and reference checks), each table written to Iceberg and read back
 * by the next. No hash, line numbers, quarantine, counts or ledger.
 */
final class SparkSqlOrdersJob {

    private SparkSqlOrdersJob() {}

    /** Loads every generated file into {@code bronze.<table>_spark_csv}, one append a file. */
    static void bronze(Lakehouse lake, GeneratedOrders generated) {
        for (GeneratedOrders.TableFiles table : generated.tables()) {
            for (Path file : table.files()) {
                lake.append(
                        bronzeTable(table.table()),
                        lake.spark()
                                .read()
                                .option("header", "true")
                                .csv(file.toString())
                                .withColumn("filename", functions.input_file_name())
                                .withColumn("_row", functions.monotonically_increasing_id()));
            }
        }
    }

    /** Builds the silver tables from {@link #bronze}'s; their row counts by name. */
    static Map<String, Long> silver(Lakehouse lake, GeneratedOrders generated) {
        for (GeneratedOrders.TableFiles table : generated.tables()) {
            lake.read(bronzeTable(table.table())).createOrReplaceTempView("raw_" + table.table());
        }
        write(
                lake,
                "customers",
                dedupe(
                        "customer_id",
                        "try_cast(id AS BIGINT) AS customer_id, " + others("customers")
                                + ", filename, _row FROM raw_customers WHERE try_cast(id AS BIGINT) IS NOT NULL"));
        write(
                lake,
                "employees",
                dedupe(
                        "employee_id",
                        "try_cast(id AS BIGINT) AS employee_id, " + others("employees")
                                + ", filename, _row FROM raw_employees WHERE try_cast(id AS BIGINT) IS NOT NULL"));
        write(lake, "products", dedupe("product_id", """
                try_cast(id AS BIGINT) AS product_id, product_code, product_name,
                  try_cast(standard_cost AS DECIMAL(12,2)) AS standard_cost,
                  try_cast(list_price AS DECIMAL(12,2)) AS list_price,
                  try_cast(target_level AS INT) AS target_level, try_cast(reorder_level AS INT) AS reorder_level,
                  try_cast(minimum_reorder_quantity AS INT) AS minimum_reorder_quantity, quantity_per_unit,
                  discontinued, category, filename, _row
                FROM raw_products
                WHERE try_cast(id AS BIGINT) IS NOT NULL
                  AND (standard_cost IS NULL OR try_cast(standard_cost AS DECIMAL(12,2)) >= 0)
                  AND (list_price IS NULL OR try_cast(list_price AS DECIMAL(12,2)) >= 0)"""));
        write(lake, "orders", dedupe("order_id", """
                * FROM (
                  SELECT try_cast(id AS BIGINT) AS order_id, try_cast(customer_id AS BIGINT) AS customer_id,
                    try_cast(employee_id AS BIGINT) AS employee_id,
                    coalesce(try_to_timestamp(order_date, 'yyyy-MM-dd HH:mm:ss'),
                      try_to_timestamp(order_date, 'yyyy-MM-dd')) AS ordered_at,
                    try_cast(shipped_date AS DATE) AS shipped_date, try_cast(paid_date AS DATE) AS paid_date,
                    ship_name, ship_address1, ship_address2, ship_city, ship_state, ship_postal_code, ship_country,
                    try_cast(shipping_fee AS DECIMAL(12,2)) AS shipping_fee, payment_type, order_status,
                    employee_id AS employee_text, shipped_date AS shipped_text, paid_date AS paid_text,
                    shipping_fee AS fee_text, filename, _row
                  FROM raw_orders)
                WHERE order_id IS NOT NULL AND ordered_at IS NOT NULL
                  AND customer_id IN (SELECT customer_id FROM %s)
                  AND (employee_text IS NULL OR employee_id IS NOT NULL)
                  AND (shipped_text IS NULL OR shipped_date IS NOT NULL)
                  AND (paid_text IS NULL OR paid_date IS NOT NULL)
                  AND (fee_text IS NULL OR shipping_fee >= 0)""".formatted(lake.sqlName(table("customers")))));
        write(lake, "order_items", dedupe("order_id, product_id", """
                * FROM (
                  SELECT try_cast(order_id AS BIGINT) AS order_id, try_cast(product_id AS BIGINT) AS product_id,
                    try_cast(quantity AS INT) AS quantity, try_cast(unit_price AS DECIMAL(12,2)) AS unit_price,
                    try_cast(discount AS DECIMAL(12,2)) AS discount, order_detail_status,
                    try_cast(date_allocated AS DATE) AS date_allocated,
                    discount AS discount_text, date_allocated AS allocated_text, filename, _row
                  FROM raw_order_details)
                WHERE order_id IS NOT NULL AND product_id IS NOT NULL AND quantity >= 0 AND unit_price >= 0
                  AND (discount_text IS NULL OR discount >= 0)
                  AND (allocated_text IS NULL OR date_allocated IS NOT NULL)
                  AND order_id IN (SELECT order_id FROM %s)
                  AND product_id IN (SELECT product_id FROM %s)""".formatted(
                        lake.sqlName(table("orders")), lake.sqlName(table("products")))));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : List.of("customers", "employees", "products", "orders", "order_items")) {
            counts.put(name, lake.read(table(name)).count());
        }
        return counts;
    }

    /** The newest delivery (last file, last row) per key of {@code select} (a SELECT without its keyword). */
    private static String dedupe(String keys, String select) {
        return "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY " + keys
                + " ORDER BY filename DESC, _row DESC) AS _newest FROM (SELECT " + select + ")) WHERE _newest = 1";
    }

    /** A source table's columns other than its id. */
    private static String others(String table) {
        return OrderSources.COLUMNS.get(table).stream()
                .filter(c -> !c.equals("id"))
                .collect(Collectors.joining(", "));
    }

    private static void write(Lakehouse lake, String name, String sql) {
        lake.replace(table(name), lake.spark().sql(sql).drop("_newest", "filename", "_row"));
    }

    private static TableId bronzeTable(String source) {
        return TableId.bronze(source + "_spark_csv");
    }

    private static TableId table(String name) {
        return TableId.silver("spark_sql_" + name);
    }
}
