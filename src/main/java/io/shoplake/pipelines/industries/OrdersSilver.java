package io.shoplake.pipelines.industries;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
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
 * an order (by source, then line or offset) is kept and later copies are rejected as duplicates; copies already in
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

    private OrdersSilver() {}

    /**
     * The later copies among the valid messages of a parsed batch ({@link OrderMessages#parse}): a message whose
     * order_id an earlier one (by source, then line or offset) already carries, with where that first copy came from
     * ({@code first_source}, {@code first_line}). Only the keys are shuffled, not the messages.
     */
    public static Dataset<Row> laterCopies(Dataset<Row> parsed) {
        WindowSpec byOrder = Window.partitionBy("order_id").orderBy(col("_source"), col("_line"));
        return parsed.where(col("reason").isNull())
                .select(col("order_id"), col("_source"), col("_line"))
                .withColumn("copy", row_number().over(byOrder))
                .withColumn("first_source", first(col("_source")).over(byOrder))
                .withColumn("first_line", first(col("_line")).over(byOrder))
                .where(col("copy").gt(1))
                .select("_source", "_line", "first_source", "first_line");
    }

    /** The quarantine reason of a later copy of an order: where its first copy came from. */
    public static Column duplicateOf(Column firstSource, Column firstLine) {
        return concat(
                lit("duplicate order_id: first received at "),
                firstSource,
                lit(":"),
                firstLine.cast(DataTypes.StringType));
    }

    /** The first valid copy of each order_id in a parsed batch, given its {@link #laterCopies}. */
    public static Dataset<Row> kept(Dataset<Row> parsed, Dataset<Row> laterCopies) {
        return valid(parsed)
                .join(laterCopies.select("_source", "_line"), new String[] {"_source", "_line"}, "left_anti");
    }

    /**
     * The messages of a parsed batch that cannot be used, with their reason (columns {@code _source}, {@code _line},
     * {@code value}, {@code reason}): unusable ones, and later copies of an order.
     */
    public static Dataset<Row> rejected(Dataset<Row> parsed, Dataset<Row> laterCopies) {
        Dataset<Row> duplicates = parsed.join(laterCopies, new String[] {"_source", "_line"})
                .select(
                        col("_source"),
                        col("_line"),
                        col("value"),
                        duplicateOf(col("first_source"), col("first_line")).as("reason"));
        return unusable(parsed).unionByName(duplicates);
    }

    /** The messages of a parsed batch that parsed into an order: {@link #kept} when the batch has no later copies. */
    public static Dataset<Row> valid(Dataset<Row> parsed) {
        return parsed.where(col("reason").isNull());
    }

    /** The messages that cannot be used, as {@link #rejected} shapes them: all of it when there are no later copies. */
    public static Dataset<Row> unusable(Dataset<Row> parsed) {
        return parsed.where(col("reason").isNotNull()).select("_source", "_line", "value", "reason");
    }

    /** silver.industry_orders rows (and the raw {@code value}) of kept orders. */
    public static Dataset<Row> orders(Dataset<Row> kept, String runId) {
        return kept.select(
                col("order_id"),
                col("customer_id"),
                col("ordered_at"),
                to_date(col("ordered_at")).as("order_date"),
                col("amount"),
                col("line_count"),
                col("lines_amount"),
                col("_source"),
                col("_line"),
                col("_produced_at"),
                lit(runId).as("_run_id"),
                col("value"));
    }

    /** silver.industry_order_lines rows of kept orders. */
    public static Dataset<Row> lines(Dataset<Row> kept) {
        return kept.select(
                        col("order_id"),
                        to_date(col("ordered_at")).as("order_date"),
                        explode(col("order_lines")).as("l"))
                .select(LINE_COLUMNS.stream()
                        .map(c -> c.equals("order_id") || c.equals("order_date")
                                ? col(c)
                                : col("l." + c).as(c))
                        .toArray(Column[]::new));
    }

    /** Quarantine rows of rejected messages (columns {@code _source}, {@code _line}, {@code value}, {@code reason}). */
    public static Dataset<Row> rejects(Dataset<Row> rejected, String runId) {
        return Quarantine.records(rejected, col("_source"), col("_line"), col("value"), col("reason"), runId);
    }
}
