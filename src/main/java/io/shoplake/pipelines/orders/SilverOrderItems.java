package io.shoplake.pipelines.orders;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Expectation;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.Rules;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.quality.ValueType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code silver.order_items}: one row per product on an order (source {@code order_details}). Key:
 * {@code order_id} + {@code product_id}. {@code quantity} INT, {@code unit_price} and {@code discount}
 * DECIMAL(12,2), {@code line_amount} DECIMAL(14,2) = quantity x unit_price - discount: the discount is an absolute
 * amount off the line (in the Northwind data it runs 1.00 to 9.97, never a fraction below 1, and exceeds the unit
 * price on 23 lines); an empty discount is 0. {@code date_allocated} becomes {@code allocated_date} DATE.
 * Quarantined: missing or non-integer keys, an order not in {@code silver.orders} or a product not in
 * {@code silver.products}, quantity missing, not an integer or negative, unit price missing, not a decimal or
 * negative, discount not a decimal or negative, an invalid allocation date. Warned: a negative line amount (a
 * discount larger than the line, as on 8 Northwind lines).
 */
public final class SilverOrderItems {

    public static final TableId TABLE = TableId.silver("order_items");
    public static final List<String> KEYS = List.of("order_id", "product_id");

    static final DataType LINE_AMOUNT = DataTypes.createDecimalType(14, 2);
    static final Map<String, String> COLUMNS = columns();

    private SilverOrderItems() {}

    /**
     * @param orders   silver orders ({@code order_id})
     * @param products silver products ({@code product_id})
     */
    public static ExpectationSuite expectations(Dataset<Row> orders, Dataset<Row> products) {
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("order_id_present", Rules.notNull("order_id")),
                        Expectation.quarantine("order_id_valid", Rules.parsesAs("order_id", ValueType.LONG)),
                        Expectation.quarantine("product_id_present", Rules.notNull("product_id")),
                        Expectation.quarantine("product_id_valid", Rules.parsesAs("product_id", ValueType.LONG)),
                        Expectation.quarantine(
                                "order_exists",
                                Rules.referenceExists("order_id", orders, "order_id", "orders.order_id")),
                        Expectation.quarantine(
                                "product_exists",
                                Rules.referenceExists("product_id", products, "product_id", "products.product_id")),
                        Expectation.quarantine("quantity_present", Rules.notNull("quantity")),
                        Expectation.quarantine("quantity_valid", Rules.parsesAs("quantity", ValueType.INTEGER)),
                        Expectation.quarantine("quantity_not_negative", Rules.atLeast("quantity", 0)),
                        Expectation.quarantine("unit_price_present", Rules.notNull("unit_price")),
                        Expectation.quarantine("unit_price_valid", Rules.parsesAs("unit_price", SilverProducts.MONEY)),
                        Expectation.quarantine("unit_price_not_negative", Rules.atLeast("unit_price", 0)),
                        Expectation.quarantine("discount_valid", Rules.parsesAs("discount", SilverProducts.MONEY)),
                        Expectation.quarantine("discount_not_negative", Rules.atLeast("discount", 0)),
                        Expectation.quarantine(
                                "allocated_date_valid", Rules.parsesAs("allocated_date", ValueType.DATE)),
                        Expectation.warn(
                                "line_amount_not_negative",
                                Rules.sql("try_cast(quantity AS INT) * try_cast(unit_price AS DECIMAL(12,2))"
                                        + " - coalesce(try_cast(discount AS DECIMAL(12,2)), 0) >= 0"))));
    }

    /** Bronze order details to silver order items, checked against the silver orders and products. */
    public static SilverOutput transform(Dataset<Row> bronze, Dataset<Row> orders, Dataset<Row> products) {
        return SilverSteps.build(
                OrderSources.bronze("order_details"),
                TABLE,
                bronze,
                COLUMNS,
                KEYS,
                latest -> expectations(orders, products),
                SilverOrderItems::typed);
    }

    static Dataset<Row> typed(Dataset<Row> valid) {
        Column quantity = col("quantity").cast(DataTypes.IntegerType);
        Column unitPrice = col("unit_price").cast(SilverProducts.MONEY.type());
        Column discount = coalesce(
                col("discount").cast(SilverProducts.MONEY.type()),
                lit(BigDecimal.ZERO).cast(SilverProducts.MONEY.type()));
        return valid.select(
                col("order_id").cast(DataTypes.LongType).as("order_id"),
                col("product_id").cast(DataTypes.LongType).as("product_id"),
                quantity.as("quantity"),
                unitPrice.as("unit_price"),
                discount.as("discount"),
                quantity.multiply(unitPrice)
                        .minus(discount)
                        .try_cast(LINE_AMOUNT)
                        .as("line_amount"),
                col("order_detail_status"),
                col("allocated_date").cast(DataTypes.DateType).as("allocated_date"));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String source : OrderSources.COLUMNS.get("order_details")) {
            columns.put(source, source.equals("date_allocated") ? "allocated_date" : source);
        }
        return columns;
    }
}
