package io.shoplake.pipelines.customers360;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze customer records to silver rows: parse the raw JSON, type it (records that cannot be typed get a reason),
 * keep one record per customer and one transaction per id, and evaluate every invariant per customer. Pure Dataset
 * functions; the build does the I/O.
 *
 * <p>A record cannot be typed when it is not a JSON object, its {@code id} is missing or not an integer, or a value is
 * present but of the wrong type ({@code signup_date}/{@code last_purchase} not a date, {@code total_spent} not a
 * number). A null value is kept, and the checks that need it fail. A transaction cannot be typed when its
 * {@code transaction_id}, {@code date}, {@code amount} or {@code product_id} is missing or of the wrong type.
 */
public final class Customers360Silver {

    /** Every field as text: typing is done on purpose, with a reason for each value that does not fit. */
    static final StructType TRANSACTION_SCHEMA = new StructType()
            .add("transaction_id", DataTypes.StringType)
            .add("date", DataTypes.StringType)
            .add("amount", DataTypes.StringType)
            .add("product_id", DataTypes.StringType)
            .add("product_name", DataTypes.StringType);

    static final StructType RECORD_SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("email", DataTypes.StringType)
            .add("signup_date", DataTypes.StringType)
            .add("last_purchase", DataTypes.StringType)
            .add("total_spent", DataTypes.StringType)
            .add("transactions", new ArrayType(TRANSACTION_SCHEMA, true));

    /** The invariants, in the order the checks table lists them. */
    public static final List<String> RULES = List.of(
            "last_purchase_after_signup",
            "last_purchase_covers_transactions",
            "total_spent_matches_transactions",
            "email_valid",
            "transaction_ids_unique",
            "no_future_dates");

    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$";
    static final String REASON = "reason";

    private Customers360Silver() {}

    /**
     * Types bronze records ({@code day, source, position, raw_json}). Every row comes out once, with
     * {@link #REASON} null when it typed: {@code day, source, position, raw_json, customer_id, name, email,
     * signup_date, last_purchase, total_spent, transactions, reason}.
     */
    public static Dataset<Row> typeCustomers(Dataset<Row> bronze) {
        Dataset<Row> parsed = bronze.select(
                col("day"),
                col("source"),
                col("position"),
                col("raw_json"),
                from_json(col("raw_json"), RECORD_SCHEMA, Map.of("mode", "PERMISSIVE"))
                        .as("r"));
        // from_json gives a struct of nulls for a non-object value: the text itself says what it is.
        Column notObject = org.apache.spark.sql.functions.not(
                org.apache.spark.sql.functions.ltrim(col("raw_json")).startsWith("{"));
        Column id = col("r.id");
        Column customerId = id.try_cast(DataTypes.LongType);
        Column signup = col("r.signup_date").try_cast(DataTypes.DateType);
        Column lastPurchase = col("r.last_purchase").try_cast(DataTypes.DateType);
        Column total = col("r.total_spent").try_cast(DataTypes.createDecimalType(14, 2));
        Column reason = concat_ws(
                "; ",
                array_compact(array(
                        when(notObject.or(col("r").isNull()), lit("not a JSON object")),
                        when(org.apache.spark.sql.functions.not(notObject).and(id.isNull()), lit("id: missing")),
                        when(id.isNotNull().and(customerId.isNull()), concat(lit("id: not an integer: "), id)),
                        wrongType("signup_date", signup, "date"),
                        wrongType("last_purchase", lastPurchase, "date"),
                        wrongType("total_spent", total, "number"))));
        return parsed.select(
                col("day"),
                col("source"),
                col("position"),
                col("raw_json"),
                customerId.as("customer_id"),
                col("r.name").as("name"),
                col("r.email").as("email"),
                signup.as("signup_date"),
                lastPurchase.as("last_purchase"),
                total.as("total_spent"),
                col("r.transactions").as("transactions"),
                when(reason.equalTo(lit("")), lit(null).cast(DataTypes.StringType))
                        .otherwise(reason)
                        .as(REASON));
    }

    private static Column wrongType(String field, Column typed, String label) {
        Column text = col("r." + field);
        return when(text.isNotNull().and(typed.isNull()), concat(lit(field + ": not a " + label + ": "), text));
    }

    /** Rank 1 = the record kept for its customer: the last one in the file (an export's later line wins). */
    public static Dataset<Row> rankCustomers(Dataset<Row> typed) {
        return typed.withColumn(
                "_rank",
                row_number()
                        .over(Window.partitionBy("day", "customer_id")
                                .orderBy(col("source").desc(), col("position").desc())));
    }

    /**
     * The transactions of the kept customers, one row each, typed with a reason when they do not type:
     * {@code day, source, position, transaction_index, customer_id, raw_transaction, transaction_id, transaction_date,
     * amount, product_id, product_name, reason}.
     */
    public static Dataset<Row> typeTransactions(Dataset<Row> keptCustomers) {
        Dataset<Row> exploded = keptCustomers.select(
                col("day"),
                col("source"),
                col("position"),
                col("customer_id"),
                expr("posexplode(transactions) AS (transaction_index, t)"));
        Column id = col("t.transaction_id");
        Column transactionId = id.try_cast(DataTypes.LongType);
        Column date = col("t.date").try_cast(DataTypes.DateType);
        Column amount = col("t.amount").try_cast(DataTypes.createDecimalType(12, 2));
        Column productId = col("t.product_id").try_cast(DataTypes.LongType);
        Column reason = concat_ws(
                "; ",
                array_compact(array(
                        when(col("t").isNull(), lit("transaction is not a JSON object")),
                        required("transaction_id", transactionId, "an integer"),
                        required("date", date, "a date"),
                        required("amount", amount, "a number"),
                        required("product_id", productId, "an integer"))));
        return exploded.select(
                col("day"),
                col("source"),
                col("position"),
                col("transaction_index"),
                col("customer_id"),
                to_json(col("t")).as("raw_transaction"),
                transactionId.as("transaction_id"),
                date.as("transaction_date"),
                amount.as("amount"),
                productId.as("product_id"),
                col("t.product_name").as("product_name"),
                when(reason.equalTo(lit("")), lit(null).cast(DataTypes.StringType))
                        .otherwise(concat(
                                lit("transaction "),
                                col("transaction_index"),
                                lit(" of customer "),
                                col("customer_id"),
                                lit(": "),
                                reason))
                        .as(REASON));
    }

    private static Column required(String field, Column typed, String label) {
        Column text = col("t." + field);
        return when(
                col("t").isNotNull(),
                when(text.isNull(), lit(field + ": missing"))
                        .when(typed.isNull(), concat(lit(field + ": not " + label + ": "), text)));
    }

    /** Rank 1 = the transaction kept for its id: the first listed (earliest record, earliest in its list). */
    public static Dataset<Row> rankTransactions(Dataset<Row> typedTransactions) {
        return typedTransactions.withColumn(
                "_rank",
                row_number()
                        .over(Window.partitionBy("transaction_id")
                                .orderBy(col("source"), col("position"), col("transaction_index"))));
    }

    /**
     * Every invariant for every kept customer of the day: {@code day, customer_id, rule, passed, left_value,
     * right_value}; the values are what the rule compared, as text (docs/customers360.md names them per rule).
     */
    public static Dataset<Row> checks(Dataset<Row> keptCustomers) {
        Dataset<Row> measured = keptCustomers
                .withColumn("_listed", expr("CASE WHEN transactions IS NULL THEN 0 ELSE size(transactions) END"))
                .withColumn(
                        "_distinct_ids",
                        expr("CASE WHEN transactions IS NULL THEN 0 ELSE size(filter(array_distinct("
                                + "transform(transactions, t -> try_cast(t.transaction_id AS BIGINT))),"
                                + " x -> x IS NOT NULL)) END"))
                .withColumn(
                        "_newest_transaction",
                        expr("array_max(transform(transactions, t -> try_cast(t.date AS DATE)))"))
                .withColumn(
                        "_sum",
                        expr("aggregate(coalesce(transactions, array()), CAST(0 AS DECIMAL(18,2)), (acc, t) -> "
                                + "CAST(acc + coalesce(try_cast(t.amount AS DECIMAL(12,2)), 0) AS DECIMAL(18,2)))"))
                .withColumn("_newest_date", expr("greatest(signup_date, last_purchase, _newest_transaction)"));
        Column lastPurchase = col("last_purchase");
        Column checks = array(
                check(RULES.get(0), lastPurchase.gt(col("signup_date")), lastPurchase, col("signup_date")),
                check(
                        RULES.get(1),
                        lastPurchase
                                .isNotNull()
                                .and(col("_newest_transaction")
                                        .isNull()
                                        .or(lastPurchase.geq(col("_newest_transaction")))),
                        lastPurchase,
                        col("_newest_transaction")),
                check(RULES.get(2), col("total_spent").equalTo(col("_sum")), col("total_spent"), col("_sum")),
                check(RULES.get(3), col("email").rlike(EMAIL_PATTERN), col("email"), lit("name@domain.tld")),
                check(RULES.get(4), col("_listed").equalTo(col("_distinct_ids")), col("_listed"), col("_distinct_ids")),
                check(
                        RULES.get(5),
                        col("_newest_date").isNull().or(col("_newest_date").leq(col("day"))),
                        col("_newest_date"),
                        col("day")));
        return measured.select(
                        col("day"),
                        col("customer_id"),
                        org.apache.spark.sql.functions.explode(checks).as("c"))
                .select(
                        col("day"),
                        col("customer_id"),
                        col("c.rule").as("rule"),
                        col("c.passed").as("passed"),
                        col("c.left_value").as("left_value"),
                        col("c.right_value").as("right_value"));
    }

    private static Column check(String rule, Column holds, Column left, Column right) {
        return org.apache.spark.sql.functions.struct(
                lit(rule).as("rule"),
                org.apache.spark.sql.functions.coalesce(holds, lit(false)).as("passed"),
                left.cast(DataTypes.StringType).as("left_value"),
                right.cast(DataTypes.StringType).as("right_value"));
    }

    /** The silver customer row of each kept record, with the rules it failed that day (sorted). */
    public static Dataset<Row> customers(Dataset<Row> keptCustomers, Dataset<Row> checks) {
        Dataset<Row> failed = checks.where(col("passed").equalTo(lit(false)))
                .groupBy("customer_id")
                .agg(sort_array(collect_list("rule")).as("failed_checks"));
        return keptCustomers
                .join(failed, "customer_id", "left")
                .select(
                        col("customer_id"),
                        col("name"),
                        col("email"),
                        col("signup_date"),
                        col("last_purchase"),
                        col("total_spent"),
                        expr("CASE WHEN transactions IS NULL THEN 0 ELSE size(transactions) END")
                                .as("transaction_count"),
                        org.apache
                                .spark
                                .sql
                                .functions
                                .coalesce(col("failed_checks"), expr("CAST(array() AS ARRAY<STRING>)"))
                                .as("failed_checks"));
    }

    /** The silver transaction row of each kept transaction. */
    public static Dataset<Row> transactions(Dataset<Row> keptTransactions) {
        return keptTransactions.select(
                col("transaction_id"),
                col("customer_id"),
                col("transaction_date"),
                col("amount"),
                col("product_id"),
                col("product_name"));
    }

    /**
     * Products from all transactions of the given products: the newest name (by transaction date, then id), the
     * first date, and every name with the dates it was seen: {@code product_id, product_name, first_seen_date,
     * name_changes, name_history}.
     */
    public static Dataset<Row> products(Dataset<Row> transactions) {
        Dataset<Row> names = transactions
                .groupBy("product_id", "product_name")
                .agg(
                        org.apache.spark.sql.functions.min("transaction_date").as("first_date"),
                        org.apache.spark.sql.functions.max("transaction_date").as("last_date"),
                        org.apache.spark.sql.functions.max("transaction_id").as("_last_id"));
        // A transaction without a product name still makes the product exist; it adds no name.
        return names.groupBy("product_id")
                .agg(
                        expr("max_by(product_name, CASE WHEN product_name IS NULL THEN NULL"
                                        + " ELSE struct(last_date, _last_id) END)")
                                .as("product_name"),
                        org.apache.spark.sql.functions.min("first_date").as("first_seen_date"),
                        expr("filter(sort_array(collect_list(struct(first_date, last_date, product_name))),"
                                        + " n -> n.product_name IS NOT NULL)")
                                .as("name_history"))
                .withColumn("name_changes", expr("greatest(size(name_history) - 1, 0)"))
                .select("product_id", "product_name", "first_seen_date", "name_changes", "name_history");
    }

    /** The analysts' join: one row per transaction with its customer's and product's current attributes. */
    public static Dataset<Row> customerTransactions(
            Dataset<Row> transactions, Dataset<Row> customers, Dataset<Row> products) {
        return transactions
                .join(
                        customers.select(
                                col("customer_id"),
                                col("name").as("customer_name"),
                                col("email").as("customer_email"),
                                col("signup_date")),
                        "customer_id",
                        "left")
                .join(
                        products.select(col("product_id"), col("product_name").as("current_product_name")),
                        "product_id",
                        "left")
                .select(
                        col("transaction_id"),
                        col("transaction_date"),
                        col("amount"),
                        col("customer_id"),
                        col("customer_name"),
                        col("customer_email"),
                        col("signup_date"),
                        col("product_id"),
                        col("product_name"),
                        col("current_product_name"));
    }
}
