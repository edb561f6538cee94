package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;

import io.shoplake.lakehouse.TableChanges;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Which bronze rows a silver table's build must read. The first build, or one after bronze lost rows (a reload), reads
 * everything. Later builds read only the keys the bronze rows appended since the table's last build touch (Iceberg
 * incremental read), plus the keys whose parent (an order's customer, an item's order or product) such rows touch,
 * and then every bronze row of those keys: so the newest delivery, the expectations and the reference checks come out
 * exactly as a full rebuild would make them, at a cost in proportion to the new rows.
 */
final class BronzeIncrement {

    /** The silver commit property that records the bronze snapshots a build read: {@code table=snapshot,...}. */
    static final String INPUTS = "shoplake.silver.bronze-snapshots";

    /** A key column of the affected keys, by position. */
    static final String KEY = "_affected_key_";

    /** A child's column that names a parent's key, the parent's silver table and its key column there. */
    private record Parent(String column, TableId silver, String key) {

        /** The marker entry for the parent silver snapshot a child's build saw. */
        String marker() {
            return silver.toString();
        }
    }

    private static final Map<String, List<String>> KEYS = Map.of(
            "customers", List.of("id"),
            "employees", List.of("id"),
            "products", List.of("id"),
            "orders", List.of("id"),
            "order_details", List.of("order_id", "product_id"));

    // Only parents whose absence quarantines the child: an order's unknown employee is a warning, the row is kept.
    private static final Map<String, List<Parent>> PARENTS = Map.of(
            "orders",
            List.of(new Parent("customer_id", SilverCustomers.TABLE, "customer_id")),
            "order_details",
            List.of(
                    new Parent("order_id", SilverOrders.TABLE, "order_id"),
                    new Parent("product_id", SilverProducts.TABLE, "product_id")));

    /** Above this share of a bronze table's rows, reading the affected keys costs more than reading everything. */
    private static final double FULL_SHARE = 0.25;
    /** Up to this many affected keys the incremental read is always taken (they are broadcast: a few hundred kB). */
    private static final long BROADCAST_KEYS = 10_000;

    private final TableChanges changes;
    private final Map<String, Long> current;

    /** @param current every bronze table's current snapshot, read once at the start of the build */
    BronzeIncrement(TableChanges changes, Map<String, Long> current) {
        this.changes = requireNonNull(changes, "changes is null");
        this.current = Map.copyOf(current);
    }

    /** What one silver table's build reads: all of bronze, or the affected keys' rows. */
    record Input(Dataset<Row> rows, Optional<Dataset<Row>> keys, String marker) {

        boolean incremental() {
            return keys.isPresent();
        }
    }

    /**
     * The commit property value that records what the build of {@code table} read: every bronze table's snapshot and
     * its parents' silver snapshots.
     */
    private String marker(String table) {
        Map<String, Long> read = new java.util.TreeMap<>(current);
        for (Parent parent : PARENTS.getOrDefault(table, List.of())) {
            changes.current(parent.silver()).ifPresent(id -> read.put(parent.marker(), id));
        }
        return read.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static Map<String, Long> parseInputs(String value) {
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                snapshots.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return snapshots;
    }

    /** The bronze rows the build of {@code silver} (from bronze {@code table}) must read. */
    Input input(String table, TableId silver) {
        Dataset<Row> all = changes.at(OrderSources.bronze(table), current.get(table));
        String marker = marker(table);
        Optional<Map<String, Long>> since =
                changes.lastCommitProperty(silver, INPUTS).map(BronzeIncrement::parseInputs);
        if (since.isEmpty()) {
            return new Input(all, Optional.empty(), marker);
        }
        Optional<Dataset<Row>> affected = affectedKeys(table, since.get());
        Optional<Dataset<Row>> appended = appended(table, since.get());
        if (affected.isEmpty() || appended.isEmpty()) {
            return new Input(all, Optional.empty(), marker);
        }
        Dataset<Row> keys = affected.get().localCheckpoint();
        long count = keys.count();
        if (count > BROADCAST_KEYS
                && count > FULL_SHARE * changes.records(OrderSources.bronze(table), current.get(table))) {
            return new Input(all, Optional.empty(), marker);
        }
        List<String> keyColumns = KEYS.get(table);
        Column match = null;
        Column anyMissing = null;
        for (int i = 0; i < keyColumns.size(); i++) {
            Column equal = parsed(all, keyColumns.get(i)).equalTo(col(KEY + i));
            match = match == null ? equal : match.and(equal);
            Column missing = parsed(appended.get(), keyColumns.get(i)).isNull();
            anyMissing = anyMissing == null ? missing : anyMissing.or(missing);
        }
        // Rows without a usable key are never anyone's duplicate: only the new ones are new rejects.
        Dataset<Row> rows = all.join(broadcast(keys), match, "left_semi")
                .unionByName(appended.get().where(anyMissing));
        return new Input(rows, Optional.of(keys), marker);
    }

    /**
     * The keys (columns {@value #KEY}0..) whose silver result may change since {@code since}: those of the appended
     * rows, and those whose parent key entered or left the parent's silver table since (a child depends on its
     * parent's presence only). Empty: all may change.
     */
    private Optional<Dataset<Row>> affectedKeys(String table, Map<String, Long> since) {
        Optional<Dataset<Row>> appended = appended(table, since);
        if (appended.isEmpty()) {
            return Optional.empty();
        }
        Dataset<Row> keys = keysOf(table, appended.get());
        for (Parent parent : PARENTS.getOrDefault(table, List.of())) {
            Long then = since.get(parent.marker());
            java.util.OptionalLong now = changes.current(parent.silver());
            if (then == null || now.isEmpty() || !changes.exists(parent.silver(), then)) {
                return Optional.empty();
            }
            if (then == now.getAsLong()) {
                continue;
            }
            Dataset<Row> before =
                    changes.at(parent.silver(), then).select(col(parent.key()).as(KEY + 0));
            Dataset<Row> after = changes.at(parent.silver(), now.getAsLong())
                    .select(col(parent.key()).as(KEY + 0));
            Dataset<Row> changed = before.join(after, before.col(KEY + 0).equalTo(after.col(KEY + 0)), "left_anti")
                    .union(after.join(before, after.col(KEY + 0).equalTo(before.col(KEY + 0)), "left_anti"));
            Dataset<Row> all = changes.at(OrderSources.bronze(table), current.get(table));
            Dataset<Row> referencing =
                    all.join(broadcast(changed), parsed(all, parent.column()).equalTo(col(KEY + 0)), "left_semi");
            keys = keys.union(keysOf(table, referencing));
        }
        return Optional.of(keys.distinct());
    }

    private Optional<Dataset<Row>> appended(String table, Map<String, Long> since) {
        Long from = since.get(table);
        if (from == null) {
            return Optional.empty();
        }
        return changes.appended(OrderSources.bronze(table), from, current.get(table));
    }

    /** The usable keys of bronze rows, parsed as the silver step parses them (trimmed text as BIGINT). */
    private static Dataset<Row> keysOf(String table, Dataset<Row> rows) {
        List<String> keyColumns = KEYS.get(table);
        List<Column> keys = new ArrayList<>();
        Column present = null;
        for (int i = 0; i < keyColumns.size(); i++) {
            Column key = parsed(rows, keyColumns.get(i));
            keys.add(key.as(KEY + i));
            present = present == null ? key.isNotNull() : present.and(key.isNotNull());
        }
        return rows.where(present).select(keys.toArray(Column[]::new));
    }

    private static Column parsed(Dataset<Row> rows, String column) {
        return trim(rows.col(column).cast(DataTypes.StringType)).try_cast(DataTypes.LongType);
    }
}
