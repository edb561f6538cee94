package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/**
 * The one place that reads and writes lake tables. Jobs hand it {@code Dataset}s; it turns them into atomic Iceberg
 * commits (append, replace, partition overwrite, merge by key).
 */
public final class Lakehouse {

    private final SparkSession spark;
    private final String catalog;
    private final LakeSettings settings;

    /**
     * The lake at {@code settings} in {@code spark}, under the catalog name the session gives that lake (see
     * {@link SparkSessions#catalogFor}): {@code lake} for the first lake a session opens.
     */
    public Lakehouse(SparkSession spark, LakeSettings settings) {
        this.spark = requireNonNull(spark, "spark is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.catalog = SparkSessions.catalogFor(spark, settings);
        for (Layer layer : Layer.values()) {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + "." + layer.namespace());
        }
    }

    public SparkSession spark() {
        return spark;
    }

    public LakeSettings settings() {
        return settings;
    }

    /** The Spark catalog name of this lake in its session, e.g. {@code lake}. */
    public String catalog() {
        return catalog;
    }

    /** The Spark SQL name of a table, e.g. {@code lake.silver.orders}. */
    public String sqlName(TableId table) {
        return catalog + "." + table;
    }

    public boolean exists(TableId table) {
        return spark.catalog().tableExists(sqlName(table));
    }

    /** The Iceberg table behind {@code table}, freshly refreshed (snapshots, properties), if it exists. */
    public Optional<Table> icebergTable(TableId table) {
        if (!exists(table)) {
            return Optional.empty();
        }
        try {
            Table loaded = Spark3Util.loadIcebergTable(spark, sqlName(table));
            loaded.refresh();
            return Optional.of(loaded);
        } catch (org.apache.spark.sql.catalyst.parser.ParseException | NoSuchTableException e) {
            throw new IllegalStateException("cannot load table " + table + ": " + e.getMessage(), e);
        }
    }

    public Dataset<Row> read(TableId table) {
        if (!exists(table)) {
            throw new MissingTableException(table);
        }
        return spark.table(sqlName(table));
    }

    /** Runs SQL in which tables may be written {@code layer.name}; the lake catalog is the current one. */
    public Dataset<Row> sql(String query) {
        spark.sql("USE " + catalog);
        return spark.sql(query);
    }

    /** All tables of a layer, sorted by name. */
    public List<TableId> tables(Layer layer) {
        return spark.sql("SHOW TABLES IN " + catalog + "." + layer.namespace()).collectAsList().stream()
                .map(row -> new TableId(layer, row.getString(1)))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .collect(Collectors.toList());
    }

    /**
     * The current snapshot id of a table; empty when the table does not exist or has no snapshot yet. Read from the
     * table's metadata, not by a query of its snapshots table: no Spark job (the run ledger asks this of every step's
     * tables).
     */
    public OptionalLong snapshotId(TableId table) {
        return icebergTable(table)
                .map(Table::currentSnapshot)
                .map(s -> OptionalLong.of(s.snapshotId()))
                .orElse(OptionalLong.empty());
    }

    /** Appends rows, creating the table (partitioned by {@code partitionColumns}) on first write. */
    public void append(TableId table, Dataset<Row> rows, String... partitionColumns) {
        append(table, rows, Map.of(), partitionColumns);
    }

    /**
     * Appends rows that fall into few of the table's partitions (a micro-batch of the latest days) as {@link #append}
     * does, but without first shuffling them by partition: each task writes one open file per partition it meets, so
     * many partitions would mean many open files.
     */
    public void appendToFewPartitions(TableId table, Dataset<Row> rows, String... partitionColumns) {
        // Iceberg's write options: no distribution (no shuffle before the write), and a writer that accepts rows of
        // its partitions in any order.
        append(table, rows, Map.of("distribution-mode", "none", "fanout-enabled", "true"), partitionColumns);
    }

    private void append(TableId table, Dataset<Row> rows, Map<String, String> options, String... partitionColumns) {
        if (!exists(table) && createUnlessRaced(table, rows, partitionColumns)) {
            return;
        }
        try {
            rows.writeTo(sqlName(table))
                    .option("mergeSchema", "true")
                    .options(options)
                    .append();
        } catch (NoSuchTableException e) {
            throw new MissingTableException(table);
        }
    }

    /** Replaces the whole table with {@code rows} in one commit. */
    public void replace(TableId table, Dataset<Row> rows, String... partitionColumns) {
        newTable(table, rows, partitionColumns).createOrReplace();
    }

    /**
     * Overwrites exactly the partitions present in {@code rows} (a re-run for a date replaces that date only),
     * creating the table on first write.
     */
    public void overwritePartitions(TableId table, Dataset<Row> rows, String... partitionColumns) {
        if (!exists(table) && createUnlessRaced(table, rows, partitionColumns)) {
            return;
        }
        try {
            rows.writeTo(sqlName(table)).overwritePartitions();
        } catch (NoSuchTableException e) {
            throw new MissingTableException(table);
        }
    }

    /**
     * Upserts {@code rows} by {@code keys}: matching rows are updated, new ones inserted. {@code rows} must hold at
     * most one row per key.
     */
    public void merge(TableId table, Dataset<Row> rows, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one key column");
        }
        if (!exists(table) && createUnlessRaced(table, rows)) {
            return;
        }
        String view = "merge_source_" + table.layer().namespace() + "_" + table.name();
        // Spark 4.1 keeps lake tables in a temp view as TableReference nodes, which Iceberg's MERGE rewrite cannot
        // plan ("No plan for TableReference"): hand MERGE the computed rows instead of the plan that reads tables.
        rows.localCheckpoint().createOrReplaceTempView(view);
        String on = keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
        spark.sql("MERGE INTO " + sqlName(table) + " t USING " + view + " s ON " + on
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        spark.catalog().dropTempView(view);
    }

    /**
     * Applies keyed changes: rows of {@code changes} whose boolean column {@code keep} is true are upserted by
     * {@code keys}, keys whose {@code keep} is false are deleted. {@code changes} holds at most one row per key and the
     * table's columns plus {@code keep}.
     */
    public void mergeChanges(TableId table, Dataset<Row> changes, List<String> keys, String keep) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one key column");
        }
        List<String> columns = Arrays.asList(read(table).columns());
        String view = "changes_" + table.layer().namespace() + "_" + table.name();
        // As in merge: MERGE gets computed rows, not a plan that reads lake tables.
        changes.localCheckpoint().createOrReplaceTempView(view);
        String on = keys.stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
        String set = columns.stream().map(c -> "t.`" + c + "` = s.`" + c + "`").collect(Collectors.joining(", "));
        String names = columns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s.`" + c + "`").collect(Collectors.joining(", "));
        spark.sql("MERGE INTO " + sqlName(table) + " t USING " + view + " s ON " + on
                + " WHEN MATCHED AND NOT s." + keep + " THEN DELETE"
                + " WHEN MATCHED THEN UPDATE SET " + set
                + " WHEN NOT MATCHED AND s." + keep + " THEN INSERT (" + names + ") VALUES (" + values + ")");
        spark.catalog().dropTempView(view);
    }

    /** Deletes the rows of {@code table} (alias {@code t}) that {@code on} matches to a row of {@code matches} ({@code s}). */
    public void deleteMatching(TableId table, Dataset<Row> matches, String on) {
        String view = "deletes_" + table.layer().namespace() + "_" + table.name();
        matches.localCheckpoint().createOrReplaceTempView(view);
        spark.sql("MERGE INTO " + sqlName(table) + " t USING " + view + " s ON " + on + " WHEN MATCHED THEN DELETE");
        spark.catalog().dropTempView(view);
    }

    /**
     * Row-level changes to {@code table} write delete files (merge-on-read) instead of rewriting every data file that
     * holds a changed row: a small change to a big table costs in proportion to the change.
     */
    public void preferDeleteFiles(TableId table) {
        spark.sql("ALTER TABLE " + sqlName(table) + " SET TBLPROPERTIES ('write.merge.mode'='merge-on-read',"
                + " 'write.update.mode'='merge-on-read', 'write.delete.mode'='merge-on-read')");
    }

    /** Deletes the table if it exists (and its data files). */
    public void drop(TableId table) {
        spark.sql("DROP TABLE IF EXISTS " + sqlName(table) + " PURGE");
    }

    /**
     * Creates the table with {@code rows} as its first commit and returns true; returns false, having committed
     * nothing, when another writer created it after this one looked (two jobs starting on a fresh lake with the JDBC
     * catalog: the catalog accepts one creation and refuses the other), so the caller writes into the existing table
     * instead. The refused attempt's data files stay behind unreferenced, for Iceberg's orphan-file clean-up.
     */
    private boolean createUnlessRaced(TableId table, Dataset<Row> rows, String... partitionColumns) {
        try {
            newTable(table, rows, partitionColumns).create();
            return true;
        } catch (org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException e) {
            return false;
        } catch (RuntimeException e) {
            // Iceberg refuses the second creation when the create commits, after Spark's own existence check.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.apache.iceberg.exceptions.AlreadyExistsException) {
                    return false;
                }
            }
            throw e;
        }
    }

    /** The writer every new table is made with: one place for its format, properties and partitioning. */
    private org.apache.spark.sql.CreateTableWriter<Row> newTable(
            TableId table, Dataset<Row> rows, String... partitionColumns) {
        var writer = rows.writeTo(sqlName(table))
                .using("iceberg")
                .tableProperty("format-version", "2")
                .tableProperty("write.merge.mode", "copy-on-write");
        if (partitionColumns.length > 0) {
            writer = writer.partitionedBy(
                    org.apache.spark.sql.functions.col(partitionColumns[0]),
                    Arrays.stream(partitionColumns)
                            .skip(1)
                            .map(org.apache.spark.sql.functions::col)
                            .toArray(org.apache.spark.sql.Column[]::new));
        }
        return writer;
    }
}
