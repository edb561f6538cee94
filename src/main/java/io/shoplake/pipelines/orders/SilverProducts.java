package io.shoplake.pipelines.orders;

import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Expectation;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.Rules;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.quality.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code silver.products}: one row per product. Key: {@code product_id} (BIGINT). Prices are DECIMAL(12,2), stock
 * levels INT, {@code discontinued} becomes {@code is_discontinued} BOOLEAN. Quarantined: missing or non-integer id,
 * prices that are not decimals or negative, levels that are not integers, {@code discontinued} not a boolean
 * ({@code 0/1/true/false}). Warned: no product name.
 */
public final class SilverProducts {

    public static final TableId TABLE = TableId.silver("products");
    public static final List<String> KEYS = List.of("product_id");

    static final ValueType MONEY = ValueType.decimal(12, 2);
    static final Map<String, String> COLUMNS = columns();

    private SilverProducts() {}

    public static ExpectationSuite expectations() {
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("product_id_present", Rules.notNull("product_id")),
                        Expectation.quarantine("product_id_valid", Rules.parsesAs("product_id", ValueType.LONG)),
                        Expectation.warn("product_name_present", Rules.notNull("product_name")),
                        Expectation.quarantine("standard_cost_valid", Rules.parsesAs("standard_cost", MONEY)),
                        Expectation.quarantine("standard_cost_not_negative", Rules.atLeast("standard_cost", 0)),
                        Expectation.quarantine("list_price_valid", Rules.parsesAs("list_price", MONEY)),
                        Expectation.quarantine("list_price_not_negative", Rules.atLeast("list_price", 0)),
                        Expectation.quarantine("target_level_valid", Rules.parsesAs("target_level", ValueType.INTEGER)),
                        Expectation.quarantine(
                                "reorder_level_valid", Rules.parsesAs("reorder_level", ValueType.INTEGER)),
                        Expectation.quarantine(
                                "minimum_reorder_quantity_valid",
                                Rules.parsesAs("minimum_reorder_quantity", ValueType.INTEGER)),
                        Expectation.quarantine(
                                "discontinued_valid",
                                Rules.allowedValues("is_discontinued", java.util.Set.of("0", "1", "true", "false")))));
    }

    /** Bronze products to silver products. */
    public static SilverOutput transform(Dataset<Row> bronze) {
        return SilverSteps.build(
                OrderSources.bronze("products"),
                TABLE,
                bronze,
                COLUMNS,
                KEYS,
                latest -> expectations(),
                SilverProducts::typed);
    }

    static Dataset<Row> typed(Dataset<Row> valid) {
        return valid.select(
                col("product_id").cast(DataTypes.LongType).as("product_id"),
                col("product_code"),
                col("product_name"),
                col("description"),
                col("standard_cost").cast(MONEY.type()).as("standard_cost"),
                col("list_price").cast(MONEY.type()).as("list_price"),
                col("target_level").cast(DataTypes.IntegerType).as("target_level"),
                col("reorder_level").cast(DataTypes.IntegerType).as("reorder_level"),
                col("minimum_reorder_quantity").cast(DataTypes.IntegerType).as("minimum_reorder_quantity"),
                col("quantity_per_unit"),
                col("is_discontinued").cast(DataTypes.BooleanType).as("is_discontinued"),
                col("category"));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String source : OrderSources.COLUMNS.get("products")) {
            columns.put(
                    source,
                    switch (source) {
                        case "id" -> "product_id";
                        case "discontinued" -> "is_discontinued";
                        default -> source;
                    });
        }
        return columns;
    }
}
