package io.shoplake.pipelines.customers360;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The star schema's transformations, pure: {@code dim_date}, {@code dim_product} (type 1), {@code dim_customer}
 * (SCD type 2 on name and email) and {@code fact_transactions} (one row per transaction, keyed to the customer
 * version valid on the transaction's date).
 */
public final class Customers360Gold {

    /** The {@code valid_to} of a current version: an open end that BETWEEN joins can use. */
    public static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

    private Customers360Gold() {}

    /** {@code yyyyMMdd} as an integer: the key of {@code dim_date}. */
    public static Column dateKey(Column date) {
        return date_format(date, "yyyyMMdd").cast(DataTypes.IntegerType);
    }

    /** One row per distinct date of {@code dates} (a column {@code date}). */
    public static Dataset<Row> dimDate(Dataset<Row> dates) {
        return dates.where(col("date").isNotNull())
                .select("date")
                .distinct()
                .select(
                        dateKey(col("date")).as("date_key"),
                        col("date"),
                        year(col("date")).as("year"),
                        quarter(col("date")).as("quarter"),
                        month(col("date")).as("month"),
                        dayofmonth(col("date")).as("day_of_month"),
                        // ISO: Monday = 1 ... Sunday = 7.
                        expr("(dayofweek(date) + 5) % 7 + 1").as("day_of_week"),
                        expr("dayofweek(date) IN (1, 7)").as("is_weekend"));
    }

    /** dim_product rows from silver products: the product id is the key (a type 1 dimension). */
    public static Dataset<Row> dimProduct(Dataset<Row> products) {
        return products.select(
                col("product_id").as("product_key"),
                col("product_id"),
                col("product_name"),
                col("first_seen_date"),
                col("name_changes"));
    }

    /** A version's key: stable for a customer and the day the version opened, so re-runs give the same keys. */
    static Column customerKey(Column customerId, Column validFrom) {
        return xxhash64(customerId, validFrom);
    }

    /**
     * The dim_customer rows to merge for {@code day}: new versions for new customers and for customers whose name
     * or email differs from their current version, and the current versions they close ({@code valid_to = day}).
     * A current version that opened on {@code day} is corrected in place (a re-run with other data); one that opened
     * after {@code day} is left alone (an older day re-run). Columns: {@code customer_key, customer_id, name, email,
     * valid_from, valid_to, is_current}.
     *
     * @param customers the day's customers: {@code customer_id, name, email}
     */
    public static Dataset<Row> dimCustomerChanges(
            Dataset<Row> customers, Optional<Dataset<Row>> dimCustomer, LocalDate day) {
        Column today = lit(Date.valueOf(day));
        Column end = lit(Date.valueOf(OPEN_END));
        Dataset<Row> fresh = customers.select(col("customer_id"), col("name"), col("email"));
        Dataset<Row> opened = fresh.select(
                customerKey(col("customer_id"), today).as("customer_key"),
                col("customer_id"),
                col("name"),
                col("email"),
                today.as("valid_from"),
                end.as("valid_to"),
                lit(true).as("is_current"));
        if (dimCustomer.isEmpty()) {
            return opened;
        }
        Dataset<Row> current = dimCustomer
                .get()
                .where(col("is_current"))
                .select(
                        col("customer_key").as("c_key"),
                        col("customer_id").as("c_id"),
                        col("name").as("c_name"),
                        col("email").as("c_email"),
                        col("valid_from").as("c_from"));
        Dataset<Row> joined = fresh.join(current, fresh.col("customer_id").equalTo(current.col("c_id")), "left");
        Column isNew = col("c_id").isNull();
        Column differs =
                not(col("name").eqNullSafe(col("c_name")).and(col("email").eqNullSafe(col("c_email"))));
        Column sameDay = col("c_from").equalTo(today);
        Column later = col("c_from").gt(today);
        Dataset<Row> changed = joined.where(isNew.or(differs.and(not(later))));
        Dataset<Row> newVersions = changed.select(
                expr("CASE WHEN c_from = DATE '" + day + "' THEN c_key ELSE xxhash64(customer_id, DATE '" + day
                                + "') END")
                        .as("customer_key"),
                col("customer_id"),
                col("name"),
                col("email"),
                today.as("valid_from"),
                end.as("valid_to"),
                lit(true).as("is_current"));
        Dataset<Row> previous = dimCustomer
                .get()
                .select(
                        col("customer_key").as("o_key"),
                        col("name").as("o_name"),
                        col("email").as("o_email"),
                        col("valid_from").as("o_from"));
        Dataset<Row> closed = changed.where(not(isNew).and(not(sameDay)))
                .join(previous, col("c_key").equalTo(col("o_key")))
                .select(
                        col("o_key").as("customer_key"),
                        col("c_id").as("customer_id"),
                        col("o_name").as("name"),
                        col("o_email").as("email"),
                        col("o_from").as("valid_from"),
                        today.as("valid_to"),
                        lit(false).as("is_current"));
        return newVersions.unionByName(closed);
    }

    /**
     * Fact rows for {@code transactions} ({@code transaction_id, customer_id, transaction_date, amount, product_id}):
     * the customer key is the version valid on the transaction date, or the first version for a transaction older
     * than the customer's first export. Columns: {@code transaction_id, customer_key, customer_id, product_key,
     * date_key, amount}.
     */
    public static Dataset<Row> facts(Dataset<Row> transactions, Dataset<Row> dimCustomer) {
        Dataset<Row> versions = dimCustomer.select(
                col("customer_key"),
                col("customer_id").as("v_customer_id"),
                col("valid_from"),
                col("valid_to"),
                expr("min(valid_from) OVER (PARTITION BY customer_id)").as("first_from"));
        Column covers = transactions
                .col("customer_id")
                .equalTo(col("v_customer_id"))
                .and(col("transaction_date")
                        .geq(col("valid_from"))
                        .and(col("transaction_date").lt(col("valid_to")))
                        .or(col("transaction_date")
                                .lt(col("first_from"))
                                .and(col("valid_from").equalTo(col("first_from")))));
        return transactions
                .join(versions, covers, "left")
                .select(
                        col("transaction_id"),
                        col("customer_key"),
                        col("customer_id"),
                        col("product_id").as("product_key"),
                        dateKey(col("transaction_date")).as("date_key"),
                        col("amount"));
    }

    /** The referential-integrity expectations of the fact table, by column: key column, dimension, dimension key. */
    public static final List<String[]> FACT_REFERENCES = List.of(
            new String[] {"customer_key", "gold.dim_customer", "customer_key"},
            new String[] {"product_key", "gold.dim_product", "product_key"},
            new String[] {"date_key", "gold.dim_date", "date_key"});
}
