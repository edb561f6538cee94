package io.shoplake.pipelines.transactions;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Expectation;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.QualityResult;
import io.shoplake.quality.Rule;
import io.shoplake.quality.Rules;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import io.shoplake.quality.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.transactions} (customer_id STRING, date DATE, amount DECIMAL(14,2)) typed from the raw text of
 * {@code bronze.transactions}. Quarantined: a missing customer, date or amount, a date that does not match the
 * pattern (or does not exist, 1997-02-30), an amount that is not a DECIMAL(14,2), a negative amount. A transaction
 * log has no key: every bronze row is a transaction, so nothing is deduplicated (the file ledger keeps each file to
 * one load).
 */
public final class SilverTransactions {

    public static final TableId BRONZE = TableId.bronze("transactions");
    public static final TableId TABLE = TableId.silver("transactions");
    public static final ValueType MONEY = ValueType.decimal(14, 2);

    public static final StructType SCHEMA = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("amount", new DecimalType(14, 2), false);

    private SilverTransactions() {}

    /** The bronze columns that hold the customer, the date and the amount, and the date pattern (java.time). */
    public record Columns(String customer, String date, String amount, String datePattern) {
        public Columns {
            requireNonNull(customer, "customer is null");
            requireNonNull(date, "date is null");
            requireNonNull(amount, "amount is null");
            requireNonNull(datePattern, "datePattern is null");
        }
    }

    public static ExpectationSuite expectations(String datePattern) {
        return new ExpectationSuite(
                TABLE.toString(),
                List.of(
                        Expectation.quarantine("customer_id_present", Rules.notNull("customer_id")),
                        Expectation.quarantine("date_present", Rules.notNull("date")),
                        Expectation.quarantine("date_valid", new DateMatches("date", datePattern)),
                        Expectation.quarantine("amount_present", Rules.notNull("amount")),
                        Expectation.quarantine("amount_valid", Rules.parsesAs("amount", MONEY)),
                        Expectation.quarantine("amount_not_negative", Rules.atLeast("amount", 0))));
    }

    /** Bronze transactions (text) to silver transactions; pure: no table is read or written. */
    public static SilverOutput transform(Dataset<Row> bronze, Columns columns) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(columns.customer(), "customer_id");
        names.put(columns.date(), "date");
        names.put(columns.amount(), "amount");
        if (names.size() < 3) {
            throw new IllegalArgumentException("customer, date and amount must be different columns, were: "
                    + columns.customer() + ", " + columns.date() + ", " + columns.amount());
        }
        Dataset<Row> cleaned = SilverSteps.clean(BRONZE, bronze, names);
        QualityResult quality = expectations(columns.datePattern()).check(cleaned);
        Dataset<Row> typed = quality.valid()
                .select(
                        col("customer_id"),
                        parsedDate(col("date"), columns.datePattern()).as("date"),
                        col("amount").cast(MONEY.type()).as("amount"));
        long rowsIn = quality.validCount() + quality.rejectedCount();
        return new SilverOutput(
                TABLE,
                typed,
                quality.rejected(),
                rowsIn,
                quality.validCount(),
                0,
                quality.rejectedCount(),
                quality.results());
    }

    private static Column parsedDate(Column text, String pattern) {
        return to_date(try_to_timestamp(text, lit(pattern)));
    }

    /** The text must be a real date in the given pattern (java.time letters, e.g. yyyyMMdd). */
    private record DateMatches(String column, String pattern) implements Rule {
        @Override
        public Dataset<Row> mark(Dataset<Row> rows, String violationColumn) {
            Column text = col(column);
            return rows.withColumn(
                    violationColumn,
                    when(
                            text.isNotNull().and(parsedDate(text, pattern).isNull()),
                            concat(lit(column + ": not a valid date (" + pattern + "): "), text)));
        }

        @Override
        public String describe() {
            return column + " is a date in the pattern " + pattern;
        }
    }
}
