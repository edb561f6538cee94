package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Keeps Iceberg tables healthy: {@code rewrite_data_files} compacts the small files daily MERGEs and appends leave
 * behind, {@code expire_snapshots} drops old snapshots (and the files only they reference). Works on any lake table.
 */
public final class TableMaintenance {

    /** What maintenance did to one table. */
    public record Result(
            TableId table,
            long filesRewritten,
            long filesAdded,
            long bytesRewritten,
            long snapshotsBefore,
            long snapshotsAfter,
            long dataFilesDeleted) {
        public Result {
            requireNonNull(table, "table is null");
        }
    }

    /**
     * How to maintain.
     *
     * @param targetFileSizeBytes the file size compaction aims at
     * @param expireOlderThan snapshots committed before this instant may be expired
     * @param retainLast snapshots always kept, however old
     */
    public record Options(long targetFileSizeBytes, Instant expireOlderThan, int retainLast) {
        public Options {
            requireNonNull(expireOlderThan, "expireOlderThan is null");
            if (targetFileSizeBytes < 1024 * 1024) {
                throw new IllegalArgumentException(
                        "target file size must be at least 1 MB, was: " + targetFileSizeBytes + " bytes");
            }
            if (retainLast < 1) {
                throw new IllegalArgumentException("retain last must be at least 1, was: " + retainLast);
            }
        }
    }

    private final Lakehouse lake;

    public TableMaintenance(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Compacts then expires one table; a table that does not exist is a {@link MissingTableException}. */
    public Result maintain(TableId table, Options options) {
        if (!lake.exists(table)) {
            throw new MissingTableException(table);
        }
        String sqlName = lake.sqlName(table);
        String catalog =
                sqlName.substring(0, sqlName.length() - table.toString().length() - 1);
        long before = snapshots(sqlName);
        Row rewrite = lake.spark()
                .sql("CALL " + catalog + ".system.rewrite_data_files(table => '" + table + "', options => map("
                        + "'target-file-size-bytes', '" + options.targetFileSizeBytes() + "', "
                        + "'min-input-files', '2'))")
                .first();
        Row expire = lake.spark()
                .sql("CALL " + catalog + ".system.expire_snapshots(table => '" + table + "', older_than => "
                        + "TIMESTAMP '" + options.expireOlderThan() + "', retain_last => "
                        + options.retainLast() + ")")
                .first();
        return new Result(
                table,
                rewrite.getInt(rewrite.fieldIndex("rewritten_data_files_count")),
                rewrite.getInt(rewrite.fieldIndex("added_data_files_count")),
                rewrite.getLong(rewrite.fieldIndex("rewritten_bytes_count")),
                before,
                snapshots(sqlName),
                expire.getLong(expire.fieldIndex("deleted_data_files_count")));
    }

    /** Maintains each table in turn. */
    public List<Result> maintain(List<TableId> tables, Options options) {
        return tables.stream().map(t -> maintain(t, options)).toList();
    }

    private long snapshots(String sqlName) {
        return lake.spark()
                .sql("SELECT count(*) FROM " + sqlName + ".snapshots")
                .first()
                .getLong(0);
    }
}
