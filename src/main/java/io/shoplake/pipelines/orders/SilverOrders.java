package io.shoplake.pipelines.orders;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Action;
import io.shoplake.quality.Expectation;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.Freshness;
import io.shoplake.quality.Rules;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.quality.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code silver.orders}: one row per order. Key: {@code order_id} (BIGINT). {@code ordered_at} is the order's
 * TIMESTAMP (UTC) read from the source {@code order_date}, which may be a date ({@code 2016-04-05}, read as
 * midnight) or a date-time ({@code 2016-04-05 14:23:00}, ISO {@code T} and offsets accepted); {@code order_date} is
 * its UTC date. Quarantined: missing or non-integer order id or customer id, a customer not in
 * {@code silver.customers}, a missing or invalid order date (2017-02-30), invalid shipped/paid dates, a fee that is
 * not a decimal or is negative, a non-integer employee id. Warned: an employee not in {@code silver.employees}, an
 * order status outside New / Shipped / Complete / On Hold.
 */
public final class SilverOrders {

    public static final TableId TABLE = TableId.silver("orders");
    public static final List<String> KEYS = List.of("order_id");
    /** Table-level: the latest order is at most 7 days before the build's as-of date (WARN). */
    public static final Freshness FRESHNESS = new Freshness("orders_fresh", "order_date", 7, Action.WARN);

    static final Map<String, String> COLUMNS = columns();

    private SilverOrders() {}

    /**
     * @param customers silver customers ({@code customer_id})
     * @param employees silver employees ({@code employee_id})
     */
    public static ExpectationSuite expectations(Dataset<Row> customers, Dataset<Row> employees) {
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("order_id_present", Rules.notNull("order_id")),
                        Expectation.quarantine("order_id_valid", Rules.parsesAs("order_id", ValueType.LONG)),
                        Expectation.quarantine("customer_id_present", Rules.notNull("customer_id")),
                        Expectation.quarantine("customer_id_valid", Rules.parsesAs("customer_id", ValueType.LONG)),
                        Expectation.quarantine(
                                "customer_exists",
                                Rules.referenceExists(
                                        "customer_id", customers, "customer_id", "customers.customer_id")),
                        Expectation.quarantine("employee_id_valid", Rules.parsesAs("employee_id", ValueType.LONG)),
                        Expectation.warn(
                                "employee_exists",
                                Rules.referenceExists(
                                        "employee_id", employees, "employee_id", "employees.employee_id")),
                        Expectation.quarantine("order_date_present", Rules.notNull("order_date")),
                        Expectation.quarantine(
                                "order_date_valid", Rules.parsesAs("order_date", ValueType.TIMESTAMP.labelled("date"))),
                        Expectation.quarantine("shipped_date_valid", Rules.parsesAs("shipped_date", ValueType.DATE)),
                        Expectation.quarantine("paid_date_valid", Rules.parsesAs("paid_date", ValueType.DATE)),
                        Expectation.quarantine(
                                "shipping_fee_valid", Rules.parsesAs("shipping_fee", SilverProducts.MONEY)),
                        Expectation.quarantine("shipping_fee_not_negative", Rules.atLeast("shipping_fee", 0)),
                        Expectation.warn(
                                "order_status_known",
                                Rules.allowedValues("order_status", Set.of("New", "Shipped", "Complete", "On Hold")))));
    }

    /** Bronze orders to silver orders, checked against the silver customers and employees. */
    public static SilverOutput transform(Dataset<Row> bronze, Dataset<Row> customers, Dataset<Row> employees) {
        return SilverSteps.build(
                OrderSources.bronze("orders"),
                TABLE,
                bronze,
                COLUMNS,
                KEYS,
                latest -> expectations(customers, employees),
                SilverOrders::typed);
    }

    static Dataset<Row> typed(Dataset<Row> valid) {
        return valid.withColumn("ordered_at", col("order_date").cast(DataTypes.TimestampType))
                .select(
                        col("order_id").cast(DataTypes.LongType).as("order_id"),
                        col("customer_id").cast(DataTypes.LongType).as("customer_id"),
                        col("employee_id").cast(DataTypes.LongType).as("employee_id"),
                        col("ordered_at"),
                        to_date(col("ordered_at")).as("order_date"),
                        col("shipped_date").cast(DataTypes.DateType).as("shipped_date"),
                        col("paid_date").cast(DataTypes.DateType).as("paid_date"),
                        col("ship_name"),
                        col("ship_address1"),
                        col("ship_address2"),
                        col("ship_city"),
                        col("ship_state"),
                        col("ship_postal_code"),
                        col("ship_country"),
                        col("shipping_fee").cast(SilverProducts.MONEY.type()).as("shipping_fee"),
                        col("payment_type"),
                        col("order_status"));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String source : OrderSources.COLUMNS.get("orders")) {
            columns.put(source, source.equals("id") ? "order_id" : source);
        }
        return columns;
    }
}
