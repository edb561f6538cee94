package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;

import io.shoplake.lakehouse.Quarantine;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Types a batch of raw order messages for {@code silver.industry_orders} (one row per order_id) and
 * {@code silver.industry_order_lines} (one row per order_id and line_no). Within the batch the first valid copy of
 * an order (by source, then line or offset) is kept (its orders keep the raw {@code value} for the store) and later copies are rejected as duplicates; copies already in
 * silver are the store's business ({@link OrdersStore}). Pure.
 */
public final class OrdersSilver {

    /** silver.industry_orders columns. */
    public static final List<String> ORDER_COLUMNS = List.of(
            "order_id",
            "customer_id",
            "ordered_at",
            "order_date",
            "amount",
            "line_count",
            "lines_amount",
            "_source",
            "_line",
            "_produced_at",
            "_run_id");
    /** silver.industry_order_lines columns. */
    public static final List<String> LINE_COLUMNS =
            List.of("order_id", "line_no", "product_id", "volume", "price", "line_amount", "order_date");

    /** A batch, typed: its orders, their lines, and the quarantine rows of what was rejected. */
    public record Conformed(Dataset<Row> orders, Dataset<Row> lines, Dataset<Row> rejects) {
        public Conformed {
            requireNonNull(orders, "orders is null");
            requireNonNull(lines, "lines is null");
            requireNonNull(rejects, "rejects is null");
        }
    }

    private OrdersSilver() {}

    /** Types raw rows (columns {@link OrderMessages#INPUT}). */
    public static Conformed conform(Dataset<Row> raw, String runId) {
        Dataset<Row> parsed = OrderMessages.parse(raw);
        WindowSpec byOrder = Window.partitionBy("order_id").orderBy(col("_source"), col("_line"));
        Dataset<Row> valid = parsed.where(col("reason").isNull())
                .withColumn("copy", row_number().over(byOrder))
                .withColumn(
                        "first_seen",
                        first(concat(col("_source"), lit(":"), col("_line").cast(DataTypes.StringType)))
                                .over(byOrder));
        Dataset<Row> kept = valid.where(col("copy").equalTo(1));
        Dataset<Row> duplicates = valid.where(col("copy").gt(1))
                .withColumn("reason", concat(lit("duplicate order_id: first received at "), col("first_seen")))
                .drop("copy", "first_seen");
        Dataset<Row> rejected = parsed.where(col("reason").isNotNull()).unionByName(duplicates);
        Dataset<Row> orders = kept.select(
                col("order_id"),
                col("customer_id"),
                col("ordered_at"),
                to_date(col("ordered_at")).as("order_date"),
                col("amount"),
                size(col("order_lines")).as("line_count"),
                col("lines_amount"),
                col("_source"),
                col("_line"),
                col("_produced_at"),
                lit(runId).as("_run_id"),
                col("value"));
        Dataset<Row> lines = kept.select(
                        col("order_id"),
                        to_date(col("ordered_at")).as("order_date"),
                        explode(col("order_lines")).as("l"))
                .select(LINE_COLUMNS.stream()
                        .map(c -> c.equals("order_id") || c.equals("order_date")
                                ? col(c)
                                : col("l." + c).as(c))
                        .toArray(Column[]::new));
        Dataset<Row> rejects =
                Quarantine.records(rejected, col("_source"), col("_line"), col("value"), col("reason"), runId);
        return new Conformed(orders, lines, rejects);
    }
}
