package io.shoplake.pipelines.prediction;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/** Where the transaction log (customer_id STRING, date DATE, amount DECIMAL) for prediction comes from. */
public enum TransactionSource {
    /** silver.orders with each order's amount = sum of its silver.order_items line_amount. */
    ORDERS,
    /** silver.transactions, loaded by {@code ingest transactions}. */
    TRANSACTIONS;

    public static final TableId ORDERS_TABLE = TableId.silver("orders");
    public static final TableId ORDER_ITEMS_TABLE = TableId.silver("order_items");
    public static final TableId TRANSACTIONS_TABLE = TableId.silver("transactions");

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<TableId> tables() {
        return this == ORDERS ? List.of(ORDERS_TABLE, ORDER_ITEMS_TABLE) : List.of(TRANSACTIONS_TABLE);
    }

    /** Reads the source as a transaction log. */
    public Dataset<Row> read(Lakehouse lake) {
        if (this == ORDERS) {
            return fromOrders(lake.read(ORDERS_TABLE), lake.read(ORDER_ITEMS_TABLE));
        }
        return lake.read(TRANSACTIONS_TABLE)
                .select(col("customer_id").cast(DataTypes.StringType).as("customer_id"), col("date"), col("amount"));
    }

    /** One transaction per order: its customer, order date, and the sum of its items' line amounts (0 without items). */
    public static Dataset<Row> fromOrders(Dataset<Row> orders, Dataset<Row> items) {
        Dataset<Row> amounts =
                items.groupBy(col("order_id")).agg(sum(col("line_amount")).as("order_amount"));
        return orders.join(amounts, orders.col("order_id").equalTo(amounts.col("order_id")), "left")
                .select(
                        orders.col("customer_id").cast(DataTypes.StringType).as("customer_id"),
                        orders.col("order_date").as("date"),
                        coalesce(col("order_amount"), lit(0))
                                .cast(new DecimalType(14, 2))
                                .as("amount"));
    }

    public static TransactionSource of(String text) {
        for (TransactionSource source : values()) {
            if (source.cliName().equalsIgnoreCase(text)) {
                return source;
            }
        }
        throw new IllegalArgumentException("source must be orders or transactions, was: " + text);
    }
}
