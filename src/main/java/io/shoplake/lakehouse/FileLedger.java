package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code ops.files}: which file (by content hash) was loaded into which table, so each is loaded once. */
public final class FileLedger {

    public static final TableId FILES = TableId.ops("files");

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("size", DataTypes.LongType, false)
            .add("sha256", DataTypes.StringType, false)
            .add("table_name", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("rows_loaded", DataTypes.LongType, false)
            .add("rows_quarantined", DataTypes.LongType, false)
            .add("loaded_at", DataTypes.TimestampType, false);

    /** One loaded file. */
    public record LoadedFile(
            String path, long size, String sha256, TableId table, String runId, long rowsLoaded, long rowsQuarantined) {
        public LoadedFile {
            requireNonNull(path, "path is null");
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(table, "table is null");
            requireNonNull(runId, "runId is null");
        }
    }

    private final Lakehouse lake;

    public FileLedger(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Whether a file with this content was already loaded into {@code table}. */
    public boolean isLoaded(String sha256, TableId table) {
        if (!lake.exists(FILES)) {
            return false;
        }
        return !lake.read(FILES)
                .where(col("sha256").equalTo(lit(sha256)).and(col("table_name").equalTo(lit(table.toString()))))
                .isEmpty();
    }

    /** Which of these content hashes were already loaded into {@code table}: one query for a whole folder. */
    public java.util.Set<String> loaded(java.util.Collection<String> sha256s, TableId table) {
        if (!lake.exists(FILES) || sha256s.isEmpty()) {
            return java.util.Set.of();
        }
        return lake
                .read(FILES)
                .where(col("table_name")
                        .equalTo(lit(table.toString()))
                        .and(col("sha256").isin(sha256s.toArray())))
                .select("sha256")
                .distinct()
                .collectAsList()
                .stream()
                .map(row -> row.getString(0))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The content hashes loaded from {@code path} into {@code table}. */
    public java.util.Set<String> hashesOf(String path, TableId table) {
        if (!lake.exists(FILES)) {
            return java.util.Set.of();
        }
        return lake
                .read(FILES)
                .where(col("path").equalTo(lit(path)).and(col("table_name").equalTo(lit(table.toString()))))
                .select("sha256")
                .distinct()
                .collectAsList()
                .stream()
                .map(row -> row.getString(0))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Forgets every load of {@code path} into {@code table}, so the file loads again (a reload). */
    public void forget(String path, TableId table) {
        if (!lake.exists(FILES)) {
            return;
        }
        lake.spark()
                .sql("DELETE FROM " + lake.sqlName(FILES) + " WHERE path = " + sqlString(path) + " AND table_name = "
                        + sqlString(table.toString()));
    }

    /** A Spark SQL string literal (backslash is the escape character there). */
    public static String sqlString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public void record(LoadedFile file) {
        Row row = RowFactory.create(
                file.path(),
                file.size(),
                file.sha256(),
                file.table().toString(),
                file.runId(),
                file.rowsLoaded(),
                file.rowsQuarantined(),
                Timestamp.from(Instant.now()));
        lake.append(FILES, lake.spark().createDataFrame(List.of(row), SCHEMA));
    }
}
