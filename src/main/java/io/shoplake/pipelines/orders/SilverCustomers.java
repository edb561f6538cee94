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
 * {@code silver.customers}: one row per customer. Key: {@code customer_id} (BIGINT). Quarantined: missing or
 * non-integer id. Warned: e-mail without the shape {@code x@y.z}.
 */
public final class SilverCustomers {

    public static final TableId TABLE = TableId.silver("customers");
    public static final List<String> KEYS = List.of("customer_id");

    static final Map<String, String> COLUMNS = columns();

    private SilverCustomers() {}

    public static ExpectationSuite expectations() {
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("customer_id_present", Rules.notNull("customer_id")),
                        Expectation.quarantine("customer_id_valid", Rules.parsesAs("customer_id", ValueType.LONG)),
                        Expectation.warn("email_shape", Rules.pattern("email", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"))));
    }

    /** Bronze customers to silver customers. */
    public static SilverOutput transform(Dataset<Row> bronze) {
        return SilverSteps.build(
                OrderSources.bronze("customers"),
                TABLE,
                bronze,
                COLUMNS,
                KEYS,
                latest -> expectations(),
                SilverCustomers::typed);
    }

    static Dataset<Row> typed(Dataset<Row> valid) {
        return valid.select(
                col("customer_id").cast(DataTypes.LongType).as("customer_id"),
                col("last_name"),
                col("first_name"),
                col("email"),
                col("company"),
                col("phone"),
                col("address1"),
                col("address2"),
                col("city"),
                col("state"),
                col("postal_code"),
                col("country"));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String source : OrderSources.COLUMNS.get("customers")) {
            columns.put(source, source.equals("id") ? "customer_id" : source);
        }
        return columns;
    }
}
