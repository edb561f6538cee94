package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.TableId;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
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

    /** At most this many order dates in a batch are written without a shuffle by date (one open file each). */
    private static final int FEW_DATES = 31;

    private static final StructType KNOWN = new StructType()
            .add("order_id", DataTypes.StringType, false)
            .add("seen_source", DataTypes.StringType, false)
            .add("seen_line", DataTypes.LongType, false);

    private final Lakehouse lake;

    public OrdersStore(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /**
     * Writes bronze-shaped rows ({@link #BRONZE}) through to silver and quarantine. The messages are read and parsed
     * once and kept; every count comes from one aggregate over them. Only when this batch's source and line range is
     * already in bronze (an earlier attempt at the same batch was cut off) does each write skip what is already there.
     */
    public Written write(Dataset<Row> messages, String runId) {
        SparkSession spark = lake.spark();
        Dataset<Row> parsed =
                OrderMessages.parse(messages.select(bronzeColumns())).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> laterCopies = OrdersSilver.laterCopies(parsed).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Facts facts = JobPhase.run(spark, "orders: read + parse", () -> Facts.of(parsed));
            if (facts.received() == 0) {
                return Written.none();
            }
            // Later copies of an order within the batch are rare: only looked for when the aggregate says there are.
            long copies = facts.distinctOrders() == facts.valid()
                    ? 0
                    : JobPhase.run(spark, "orders: copies within the batch", laterCopies::count);
            Column sameBatch = col("_source")
                    .isin(facts.sources().toArray())
                    .and(col("_line").between(facts.firstLine(), facts.lastLine()));
            boolean replay = lake.exists(IndustryTables.BRONZE_ORDERS)
                    && JobPhase.run(
                            spark,
                            "orders: replay check",
                            () -> !lake.read(IndustryTables.BRONZE_ORDERS)
                                    .where(sameBatch)
                                    .isEmpty());
            Dataset<Row> bronze = parsed.select(bronzeColumns());
            JobPhase.run(spark, "orders: bronze write", () -> {
                if (replay) {
                    appendAbsent(IndustryTables.BRONZE_ORDERS, bronze, sameBatch, List.of("_source", "_line"));
                } else {
                    lake.append(IndustryTables.BRONZE_ORDERS, bronze);
                }
            });

            Dataset<Row> kept = copies == 0 ? OrdersSilver.valid(parsed) : OrdersSilver.kept(parsed, laterCopies);
            Dataset<Row> rejected =
                    copies == 0 ? OrdersSilver.unusable(parsed) : OrdersSilver.rejected(parsed, laterCopies);
            List<Row> known = JobPhase.run(spark, "orders: order ids already in silver", () -> known(kept));
            // An order_id already in silver from this very message is a replay; from another message, a duplicate.
            List<Row> duplicates = known.stream()
                    .filter(r -> !(r.getString(1).equals(r.getString(3)) && r.getLong(2) == r.getLong(4)))
                    .map(r -> RowFactory.create(r.getString(0), r.getString(1), r.getLong(2)))
                    .toList();
            long replayed = known.size() - duplicates.size();
            Dataset<Row> fresh = kept;
            if (!known.isEmpty()) {
                Dataset<Row> knownIds = spark.createDataFrame(
                        known.stream()
                                .map(r -> RowFactory.create(r.getString(0)))
                                .toList(),
                        new StructType().add("order_id", DataTypes.StringType, false));
                fresh = kept.join(broadcast(knownIds), using("order_id"), "left_anti");
            }
            long added = facts.valid() - copies - known.size();
            if (added > 0) {
                Dataset<Row> newOrders = fresh;
                JobPhase.run(spark, "orders: lines write", () -> writeLines(newOrders, facts.orderDates(), replay));
            }
            if (added > 0 || !lake.exists(IndustryTables.ORDERS)) {
                Dataset<Row> newOrders = fresh;
                JobPhase.run(
                        spark,
                        "orders: orders write",
                        () -> appendByDate(
                                IndustryTables.ORDERS,
                                OrdersSilver.orders(newOrders, runId)
                                        .select(OrdersSilver.ORDER_COLUMNS.stream()
                                                .map(c -> col(c))
                                                .toArray(Column[]::new)),
                                facts.orderDates()));
            }

            long quarantined = facts.rejected() + copies + duplicates.size();
            if (quarantined > 0) {
                Dataset<Row> rejects = rejected;
                if (!duplicates.isEmpty()) {
                    Dataset<Row> seen = spark.createDataFrame(duplicates, KNOWN);
                    rejects = rejects.unionByName(kept.join(broadcast(seen), "order_id")
                            .select(
                                    col("_source"),
                                    col("_line"),
                                    col("value"),
                                    OrdersSilver.duplicateOf(col("seen_source"), col("seen_line"))
                                            .as("reason")));
                }
                Dataset<Row> records = OrdersSilver.rejects(rejects, runId);
                JobPhase.run(spark, "orders: quarantine write", () -> {
                    if (replay) {
                        appendAbsentRejects(records, sameBatch);
                    } else {
                        new Quarantine(lake).append(IndustryTables.ORDERS, records);
                    }
                });
            }
            return new Written(facts.received(), added, replayed, quarantined);
        } finally {
            laterCopies.unpersist();
            parsed.unpersist();
        }
    }

    /**
     * Appends the lines of new orders. Lines are written before their order, so an attempt cut off between the two
     * leaves lines without an order: on a replay of the same batch, or when another source brings the same order
     * first. Only then (a cheap look by order_id finds them) are the lines already there skipped.
     */
    private void writeLines(Dataset<Row> newOrders, List<Object> orderDates, boolean replay) {
        Dataset<Row> lines = OrdersSilver.lines(newOrders);
        Column scope = col("order_date").isin(orderDates.toArray());
        boolean orphans = replay
                || (lake.exists(IndustryTables.ORDER_LINES)
                        && !lake.read(IndustryTables.ORDER_LINES)
                                .where(scope)
                                .select("order_id")
                                .join(broadcast(newOrders.select("order_id")), "order_id")
                                .isEmpty());
        if (orphans) {
            appendAbsent(IndustryTables.ORDER_LINES, lines, scope, List.of("order_id", "line_no"));
        } else {
            appendByDate(IndustryTables.ORDER_LINES, lines, orderDates);
        }
    }

    /**
     * Appends rows partitioned by order_date. A stream's batch spans a few days: its rows are written where they are,
     * without the shuffle by date Iceberg otherwise asks for; a history file spanning years is shuffled as usual.
     */
    private void appendByDate(TableId table, Dataset<Row> rows, List<Object> orderDates) {
        if (orderDates.size() <= FEW_DATES) {
            lake.appendToFewPartitions(table, rows, "order_date");
        } else {
            lake.append(table, rows, "order_date");
        }
    }

    private static Column[] bronzeColumns() {
        return Arrays.stream(BRONZE.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    }

    /** What one aggregate over a parsed batch says: its size, source range, and what the writes will need. */
    private record Facts(
            long received,
            long firstLine,
            long lastLine,
            List<Object> sources,
            long valid,
            long distinctOrders,
            long rejected,
            List<Object> orderDates) {

        static Facts of(Dataset<Row> parsed) {
            Column valid = col("reason").isNull();
            Row row = parsed.agg(
                            count(lit(1)),
                            min("_line"),
                            max("_line"),
                            collect_set("_source"),
                            count(when(valid, lit(1))),
                            countDistinct(when(valid, col("order_id"))),
                            count(when(valid.unary_$bang(), lit(1))),
                            collect_set(when(valid, to_date(col("ordered_at")))))
                    .first();
            long received = row.getLong(0);
            return new Facts(
                    received,
                    received == 0 ? 0 : row.getLong(1),
                    received == 0 ? 0 : row.getLong(2),
                    row.getList(3),
                    row.getLong(4),
                    row.getLong(5),
                    row.getLong(6),
                    row.getList(7));
        }
    }

    /**
     * The batch's kept orders whose order_id is already in silver: order_id, where silver's copy came from
     * (seen_source, seen_line) and where this batch's copy came from (_source, _line). Collected: a handful of rows.
     */
    private List<Row> known(Dataset<Row> kept) {
        if (!lake.exists(IndustryTables.ORDERS)) {
            return List.of();
        }
        return lake.read(IndustryTables.ORDERS)
                .select(
                        col("order_id"),
                        col("_source").as("seen_source"),
                        col("_line").as("seen_line"))
                .join(broadcast(kept.select("order_id", "_source", "_line")), "order_id")
                .select("order_id", "seen_source", "seen_line", "_source", "_line")
                .collectAsList();
    }

    /**
     * Appends the rows of {@code rows} whose key is not yet in {@code table} (looking only where {@code scope}); when
     * none is new, commits nothing.
     */
    private void appendAbsent(TableId table, Dataset<Row> rows, Column scope, List<String> keys) {
        Dataset<Row> fresh = rows;
        if (lake.exists(table)) {
            Dataset<Row> existing = lake.read(table)
                    .where(scope)
                    .select(keys.stream().map(k -> col(k)).toArray(Column[]::new));
            fresh = rows.join(existing, using(keys.toArray(String[]::new)), "left_anti");
        }
        if (lake.exists(table) && fresh.isEmpty()) {
            return;
        }
        if (table.equals(IndustryTables.BRONZE_ORDERS)) {
            lake.append(table, fresh);
        } else {
            lake.append(table, fresh, "order_date");
        }
    }

    /** Appends the rejects an earlier attempt at this batch did not already quarantine. */
    private void appendAbsentRejects(Dataset<Row> records, Column sameBatch) {
        Quarantine quarantine = new Quarantine(lake);
        Dataset<Row> existing = quarantine
                .of(IndustryTables.ORDERS)
                .select(col("source").as("_source"), col("line").as("_line"), col("reason"))
                .where(sameBatch)
                .select(col("_source").as("source"), col("_line").as("line"), col("reason"));
        Dataset<Row> fresh = records.join(existing, using("source", "line", "reason"), "left_anti");
        if (!fresh.isEmpty()) {
            quarantine.append(IndustryTables.ORDERS, fresh);
        }
    }

    private static String[] using(String... columns) {
        return columns;
    }
}
