package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes a batch of raw order messages (from a file or a Kafka micro-batch) into bronze, silver and quarantine so
 * that writing the same batch again changes nothing: each write skips what an earlier attempt already committed,
 * keyed by the message's source and line (or offset), and an order_id already in silver from another message is a
 * duplicate. Lines are written before their orders, so an attempt cut off between the two is completed by the next.
 */
public final class OrdersStore {

    /** bronze.industry_orders_raw columns: the message as received and where it came from. */
    public static final StructType BRONZE = new StructType()
            .add("value", DataTypes.StringType, true)
            .add("file", DataTypes.StringType, true)
            .add("line", DataTypes.LongType, true)
            .add("topic", DataTypes.StringType, true)
            .add("partition", DataTypes.IntegerType, true)
            .add("offset", DataTypes.LongType, true)
            .add("_source", DataTypes.StringType, false)
            .add("_line", DataTypes.LongType, false)
            .add("_produced_at", DataTypes.TimestampType, true)
            .add("_run_id", DataTypes.StringType, false)
            .add("_ingested_at", DataTypes.TimestampType, false);

    /**
     * What a batch did: {@code received = added + alreadyPresent + quarantined}.
     *
     * @param alreadyPresent orders an earlier attempt at this same batch already wrote (a replay)
     */
    public record Written(long received, long added, long alreadyPresent, long quarantined) {
        public Written plus(Written other) {
            return new Written(
                    received + other.received,
                    added + other.added,
                    alreadyPresent + other.alreadyPresent,
                    quarantined + other.quarantined);
        }

        public static Written none() {
            return new Written(0, 0, 0, 0);
        }
    }

    private final Lakehouse lake;

    public OrdersStore(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Writes bronze-shaped rows ({@link #BRONZE}) through to silver and quarantine. */
    public Written write(Dataset<Row> messages, String runId) {
        Dataset<Row> rows = messages.select(java.util.Arrays.stream(BRONZE.fieldNames())
                        .map(c -> col(c))
                        .toArray(Column[]::new))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long received = rows.count();
            if (received == 0) {
                return Written.none();
            }
            Row range = rows.agg(min("_line"), max("_line")).first();
            List<Object> sources = rows.select("_source").distinct().collectAsList().stream()
                    .map(r -> r.get(0))
                    .toList();
            Column sameBatch = col("_source")
                    .isin(sources.toArray())
                    .and(col("_line").between(range.getLong(0), range.getLong(1)));
            appendAbsent(IndustryTables.BRONZE_ORDERS, rows, sameBatch, List.of("_source", "_line"));

            OrdersSilver.Conformed conformed = OrdersSilver.conform(rows, runId);
            Dataset<Row> orders = conformed.orders().persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> fresh = orders;
                Dataset<Row> duplicates = orders.limit(0)
                        .select(
                                col("_source"),
                                col("_line"),
                                col("value"),
                                lit(null).cast(DataTypes.StringType).as("reason"));
                long replayed = 0;
                if (lake.exists(IndustryTables.ORDERS)) {
                    Dataset<Row> existing = lake.read(IndustryTables.ORDERS)
                            .select(
                                    col("order_id"),
                                    col("_source").as("seen_source"),
                                    col("_line").as("seen_line"))
                            .join(orders.select("order_id"), "order_id");
                    Dataset<Row> matched = orders.join(existing, "order_id");
                    Column replay = col("seen_source")
                            .equalTo(col("_source"))
                            .and(col("seen_line").equalTo(col("_line")));
                    replayed = matched.where(replay).count();
                    duplicates = matched.where(replay.unary_$bang())
                            .select(
                                    col("_source"),
                                    col("_line"),
                                    col("value"),
                                    concat(
                                                    lit("duplicate order_id: first received at "),
                                                    col("seen_source"),
                                                    lit(":"),
                                                    col("seen_line").cast(DataTypes.StringType))
                                            .as("reason"));
                    fresh = orders.join(existing.select("order_id").distinct(), using("order_id"), "left_anti");
                }
                fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    Dataset<Row> lines = conformed.lines().join(fresh.select("order_id"), "order_id");
                    List<Object> dates = fresh.select("order_date").distinct().collectAsList().stream()
                            .map(r -> r.get(0))
                            .toList();
                    appendAbsent(
                            IndustryTables.ORDER_LINES,
                            lines,
                            col("order_date").isin(dates.toArray()),
                            List.of("order_id", "line_no"));
                    long added = fresh.count();
                    if (added > 0 || !lake.exists(IndustryTables.ORDERS)) {
                        lake.append(
                                IndustryTables.ORDERS,
                                fresh.select(OrdersSilver.ORDER_COLUMNS.stream()
                                        .map(c -> col(c))
                                        .toArray(Column[]::new)),
                                "order_date");
                    }
                    Dataset<Row> rejects = conformed
                            .rejects()
                            .unionByName(Quarantine.records(
                                    duplicates, col("_source"), col("_line"), col("value"), col("reason"), runId))
                            .persist(StorageLevel.MEMORY_AND_DISK());
                    try {
                        long quarantined = rejects.count();
                        Dataset<Row> quarantine =
                                rejects.withColumnRenamed("source", "_source").withColumnRenamed("line", "_line");
                        appendAbsentRejects(quarantine, sameBatch);
                        return new Written(received, added, replayed, quarantined);
                    } finally {
                        rejects.unpersist();
                    }
                } finally {
                    fresh.unpersist();
                }
            } finally {
                orders.unpersist();
            }
        } finally {
            rows.unpersist();
        }
    }

    /** Appends the rows of {@code rows} whose key is not yet in {@code table} (looking only where {@code scope}). */
    private void appendAbsent(io.shoplake.lakehouse.TableId table, Dataset<Row> rows, Column scope, List<String> keys) {
        Dataset<Row> fresh = rows;
        if (lake.exists(table)) {
            Dataset<Row> existing = lake.read(table)
                    .where(scope)
                    .select(keys.stream().map(k -> col(k)).toArray(Column[]::new));
            fresh = rows.join(existing, using(keys.toArray(String[]::new)), "left_anti");
        }
        fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (!lake.exists(table) || !fresh.isEmpty()) {
                if (table.equals(IndustryTables.BRONZE_ORDERS)) {
                    lake.append(table, fresh);
                } else {
                    lake.append(table, fresh, "order_date");
                }
            }
        } finally {
            fresh.unpersist();
        }
    }

    private void appendAbsentRejects(Dataset<Row> rejects, Column sameBatch) {
        Quarantine quarantine = new Quarantine(lake);
        Dataset<Row> fresh = rejects;
        if (lake.exists(IndustryTables.ORDERS.quarantine())) {
            Dataset<Row> existing = quarantine
                    .of(IndustryTables.ORDERS)
                    .withColumnRenamed("source", "_source")
                    .withColumnRenamed("line", "_line")
                    .where(sameBatch)
                    .select("_source", "_line", "reason");
            fresh = rejects.join(existing, using("_source", "_line", "reason"), "left_anti");
        }
        fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (!fresh.isEmpty()) {
                quarantine.append(
                        IndustryTables.ORDERS,
                        fresh.withColumnRenamed("_source", "source").withColumnRenamed("_line", "line"));
            }
        } finally {
            fresh.unpersist();
        }
    }

    private static String[] using(String... columns) {
        return columns;
    }
}
