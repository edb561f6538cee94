package io.shoplake.pipelines.orders;

import io.shoplake.lakehouse.TableId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders domain's source tables (a Northwind-style shop database) and the columns each must have. Files are
 * named {@code <table>.csv}; database tables carry the same names. Bronze keeps them as received, as strings.
 */
public final class OrderSources {

    /** Source table name to its columns, in source order. */
    public static final Map<String, List<String>> COLUMNS = Map.of(
            "customers",
                    List.of(
                            "id",
                            "last_name",
                            "first_name",
                            "email",
                            "company",
                            "phone",
                            "address1",
                            "address2",
                            "city",
                            "state",
                            "postal_code",
                            "country"),
            "employees",
                    List.of(
                            "id",
                            "last_name",
                            "first_name",
                            "email",
                            "phone",
                            "address1",
                            "address2",
                            "city",
                            "state",
                            "postal_code",
                            "country",
                            "avatar",
                            "job_title",
                            "department",
                            "manager_id"),
            "products",
                    List.of(
                            "id",
                            "product_code",
                            "product_name",
                            "description",
                            "standard_cost",
                            "list_price",
                            "target_level",
                            "reorder_level",
                            "minimum_reorder_quantity",
                            "quantity_per_unit",
                            "discontinued",
                            "category"),
            "orders",
                    List.of(
                            "id",
                            "employee_id",
                            "customer_id",
                            "order_date",
                            "shipped_date",
                            "ship_name",
                            "ship_address1",
                            "ship_address2",
                            "ship_city",
                            "ship_state",
                            "ship_postal_code",
                            "ship_country",
                            "shipping_fee",
                            "payment_type",
                            "paid_date",
                            "order_status"),
            "order_details",
                    List.of(
                            "order_id",
                            "product_id",
                            "quantity",
                            "unit_price",
                            "discount",
                            "order_detail_status",
                            "date_allocated"));

    /** Load order: parents before children, so a database load never violates a foreign key. */
    public static final List<String> LOAD_ORDER =
            List.of("customers", "employees", "products", "orders", "order_details");

    private OrderSources() {}

    /** The bronze table holding a source table, e.g. {@code bronze.order_details}. */
    public static TableId bronze(String sourceTable) {
        if (!COLUMNS.containsKey(sourceTable)) {
            throw new IllegalArgumentException(
                    "unknown orders source table: " + sourceTable + " (known: " + LOAD_ORDER + ")");
        }
        return TableId.bronze(sourceTable);
    }

    /** The source table a file name stands for ({@code orders.csv} to {@code orders}), if it is one of ours. */
    public static Optional<String> tableForFile(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(".csv")) {
            return Optional.empty();
        }
        String name = lower.substring(0, lower.length() - 4);
        return COLUMNS.containsKey(name) ? Optional.of(name) : Optional.empty();
    }
}
