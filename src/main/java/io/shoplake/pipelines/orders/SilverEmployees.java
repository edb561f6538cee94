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
 * {@code silver.employees}: one row per employee. Key: {@code employee_id} (BIGINT). Quarantined: missing or
 * non-integer id, non-integer {@code manager_id}. Warned: a manager who is not among the employees.
 * {@code avatar} becomes {@code avatar_url}.
 */
public final class SilverEmployees {

    public static final TableId TABLE = TableId.silver("employees");
    public static final List<String> KEYS = List.of("employee_id");

    static final Map<String, String> COLUMNS = columns();

    private SilverEmployees() {}

    /** {@code employees}: the batch's own employees, which managers must be among. */
    public static ExpectationSuite expectations(Dataset<Row> employees) {
        Dataset<Row> ids =
                employees.select(col("employee_id").try_cast(DataTypes.LongType).as("employee_id"));
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("employee_id_present", Rules.notNull("employee_id")),
                        Expectation.quarantine("employee_id_valid", Rules.parsesAs("employee_id", ValueType.LONG)),
                        Expectation.quarantine("manager_id_valid", Rules.parsesAs("manager_id", ValueType.LONG)),
                        Expectation.warn(
                                "manager_exists",
                                Rules.referenceExists("manager_id", ids, "employee_id", "employees.employee_id"))));
    }

    /** Bronze employees to silver employees. */
    public static SilverOutput transform(Dataset<Row> bronze) {
        return SilverSteps.build(
                OrderSources.bronze("employees"),
                TABLE,
                bronze,
                COLUMNS,
                KEYS,
                SilverEmployees::expectations,
                SilverEmployees::typed);
    }

    static Dataset<Row> typed(Dataset<Row> valid) {
        return valid.select(
                col("employee_id").cast(DataTypes.LongType).as("employee_id"),
                col("last_name"),
                col("first_name"),
                col("email"),
                col("phone"),
                col("address1"),
                col("address2"),
                col("city"),
                col("state"),
                col("postal_code"),
                col("country"),
                col("avatar_url"),
                col("job_title"),
                col("department"),
                col("manager_id").cast(DataTypes.LongType).as("manager_id"));
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String source : OrderSources.COLUMNS.get("employees")) {
            columns.put(
                    source,
                    switch (source) {
                        case "id" -> "employee_id";
                        case "avatar" -> "avatar_url";
                        default -> source;
                    });
        }
        return columns;
    }
}
