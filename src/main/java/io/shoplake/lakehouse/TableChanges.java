package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A table's history as an incremental job needs it (Iceberg metadata only, no Spark job): its current snapshot, the
 * rows appended between two snapshots, the table as of a snapshot, and properties a job writes into its commits to
 * remember what it has read.
 */
public final class TableChanges {

    private final Lakehouse lake;

    public TableChanges(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** The current snapshot of {@code table}; empty when it does not exist or has none. */
    public OptionalLong current(TableId table) {
        return lake.snapshotId(table);
    }

    /** The table as it was at {@code snapshotId}. */
    public Dataset<Row> at(TableId table, long snapshotId) {
        return lake.spark()
                .read()
                .option("versionAsOf", String.valueOf(snapshotId))
                .table(lake.sqlName(table));
    }

    /**
     * The rows appended after {@code since} up to and including {@code until}; empty when that history holds anything
     * but appends (a delete or overwrite: the caller must read the whole table) or {@code since} is not an ancestor of
     * {@code until} (expired, rolled back).
     */
    public Optional<Dataset<Row>> appended(TableId table, long since, long until) {
        Optional<Table> iceberg = lake.icebergTable(table);
        if (iceberg.isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = iceberg.get().snapshot(until);
        while (snapshot != null && snapshot.snapshotId() != since) {
            if (!DataOperations.APPEND.equals(snapshot.operation())) {
                return Optional.empty();
            }
            snapshot = snapshot.parentId() == null ? null : iceberg.get().snapshot(snapshot.parentId());
        }
        if (snapshot == null) {
            return Optional.empty();
        }
        if (since == until) {
            return Optional.of(at(table, until).limit(0));
        }
        return Optional.of(lake.spark()
                .read()
                .format("iceberg")
                .option("start-snapshot-id", String.valueOf(since))
                .option("end-snapshot-id", String.valueOf(until))
                .load(lake.sqlName(table)));
    }

    /** Whether {@code table} still has the snapshot (not expired). */
    public boolean exists(TableId table, long snapshotId) {
        return lake.icebergTable(table).map(t -> t.snapshot(snapshotId) != null).orElse(false);
    }

    /** The rows {@code table} held at {@code snapshotId}, from the snapshot's summary; 0 when it does not say. */
    public long records(TableId table, long snapshotId) {
        return lake.icebergTable(table)
                .map(t -> t.snapshot(snapshotId))
                .map(s -> s.summary().get("total-records"))
                .map(Long::parseLong)
                .orElse(0L);
    }

    /** The value of {@code property} in the newest commit of the table's current history that has it. */
    public Optional<String> lastCommitProperty(TableId table, String property) {
        Optional<Table> iceberg = lake.icebergTable(table);
        if (iceberg.isEmpty()) {
            return Optional.empty();
        }
        Snapshot snapshot = iceberg.get().currentSnapshot();
        while (snapshot != null) {
            String value = snapshot.summary().get(property);
            if (value != null) {
                return Optional.of(value);
            }
            snapshot = snapshot.parentId() == null ? null : iceberg.get().snapshot(snapshot.parentId());
        }
        return Optional.empty();
    }

    /** Runs {@code write} so that every commit it makes carries {@code properties} in its snapshot summary. */
    public static void withCommitProperties(Map<String, String> properties, Runnable write) {
        Callable<Void> call = () -> {
            write.run();
            return null;
        };
        CommitMetadata.withCommitProperties(properties, call, RuntimeException.class);
    }
}
