package io.shoplake.pipelines.prediction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-customer purchase history from a transaction log (customer_id, date, amount): one row per customer with
 * purchase occasions (distinct dates), x = occasions - 1, recency (last - first) and age (as-of - first) in days,
 * and the mean amount of the repeat occasions (the Gamma-Gamma convention: the first purchase is excluded; an
 * occasion's amount is the sum of that day's transactions). Transactions after the as-of date are excluded.
 */
public final class CustomerSummary {

    private CustomerSummary() {}

    /** The summary plus how many transactions were excluded for being after the as-of date. */
    public record Result(Dataset<Row> customers, LocalDate asOf, long futureTransactions) {}

    /** The latest transaction date; empty input is an error. */
    public static LocalDate latestDate(Dataset<Row> transactions) {
        Row row = transactions.agg(max(col("date"))).first();
        if (row.isNullAt(0)) {
            throw new ModelFitException("no transactions: the input is empty");
        }
        return row.getDate(0).toLocalDate();
    }

    /**
     * Summarises the transactions up to and including {@code asOf}; columns customer_id, first_date, last_date,
     * x, recency_days, age_days, monetary (null for x = 0).
     */
    public static Result summarize(Dataset<Row> transactions, LocalDate asOf) {
        Date asOfDate = Date.valueOf(asOf);
        long future = transactions.filter(col("date").gt(lit(asOfDate))).count();
        Dataset<Row> occasions = transactions
                .filter(col("date").leq(lit(asOfDate)))
                .groupBy(col("customer_id"), col("date"))
                .agg(sum(col("amount").cast(DataTypes.DoubleType)).as("amount"));
        Dataset<Row> customers = occasions
                .groupBy(col("customer_id"))
                .agg(
                        min(col("date")).as("first_date"),
                        max(col("date")).as("last_date"),
                        count(lit(1)).as("occasions"),
                        sum(col("amount")).as("total"),
                        min_by(col("amount"), col("date")).as("first_amount"))
                .select(
                        col("customer_id"),
                        col("first_date"),
                        col("last_date"),
                        col("occasions").minus(1).as("x"),
                        datediff(col("last_date"), col("first_date")).as("recency_days"),
                        datediff(lit(asOfDate), col("first_date")).as("age_days"),
                        when(
                                        col("occasions").gt(1),
                                        col("total")
                                                .minus(col("first_amount"))
                                                .divide(col("occasions").minus(1)))
                                .as("monetary"));
        return new Result(customers, asOf, future);
    }

    /** The distinct (x, recency, age) patterns with customer counts; their number is bounded by the calendar. */
    public static List<PurchasePattern> patterns(Dataset<Row> customers) {
        List<PurchasePattern> patterns = new ArrayList<>();
        for (Row row : customers
                .groupBy(col("x"), col("recency_days"), col("age_days"))
                .count()
                .collectAsList()) {
            patterns.add(new PurchasePattern(row.getLong(0), row.getInt(1), row.getInt(2), row.getLong(3)));
        }
        return patterns;
    }

    /**
     * Repeat customers' (x, mean repeat value rounded to cents) with counts, for the Gamma-Gamma fit; customers whose
     * mean is not positive are left out (the model needs positive values). Above {@code limit} distinct pairs a
     * seeded sample keeps the driver's share bounded.
     */
    public static List<SpendFit.Observation> spend(Dataset<Row> customers, int limit) {
        Dataset<Row> pairs = customers
                .filter(col("x").gt(0).and(col("monetary").gt(0)))
                .groupBy(
                        col("x"),
                        org.apache.spark.sql.functions.round(col("monetary"), 2).as("m"))
                .count();
        long distinct = pairs.count();
        if (distinct > limit) {
            pairs = pairs.sample(false, (double) limit / distinct, 42L);
        }
        List<SpendFit.Observation> observations = new ArrayList<>();
        for (Row row : pairs.collectAsList()) {
            if (row.getDouble(1) > 0) {
                observations.add(new SpendFit.Observation(row.getLong(0), row.getDouble(1), row.getLong(2)));
            }
        }
        return observations;
    }

    /** The pooled mean gap between purchase occasions of all repeat customers, in days; NaN when there are none. */
    public static double pooledMeanGapDays(Dataset<Row> customers) {
        Row row = customers
                .filter(col("x").gt(0))
                .agg(sum(col("recency_days")), sum(col("x")))
                .first();
        return row.isNullAt(1) ? Double.NaN : (double) row.getLong(0) / row.getLong(1);
    }
}
