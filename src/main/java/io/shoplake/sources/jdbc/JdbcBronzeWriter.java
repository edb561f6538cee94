package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Writes a JDBC source's rows into a bronze table that may also hold rows of other sources (files, other
 * databases): a full load atomically replaces only the rows of its own {@code _source}; an incremental load
 * appends. The table's columns grow with the source's, as with file ingest.
 */
final class JdbcBronzeWriter {

    static final String SOURCE = "_source";

    private final Lakehouse lake;

    JdbcBronzeWriter(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Replaces the rows of {@code source} with {@code rows} in one commit; returns the rows written. */
    long replaceSource(TableId table, Dataset<Row> rows, String source) {
        Dataset<Row> aligned = prepare(table, rows);
        try {
            aligned.writeTo(lake.sqlName(table)).overwrite(col(SOURCE).equalTo(lit(source)));
        } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("table vanished while loading: " + table, e);
        }
        return addedRecords(table);
    }

    /** Appends {@code rows} in one commit; returns the rows written. */
    long append(TableId table, Dataset<Row> rows) {
        lake.append(table, prepare(table, rows));
        return addedRecords(table);
    }

    /**
     * Makes the table ready for this source's rows and returns them in the table's column order: creates it empty
     * when missing, adds new columns, lets {@code _line} be null (JDBC rows have no line), and keeps exact
     * {@code _source} bounds in file metadata so replacing one source's rows never touches another's files.
     */
    private Dataset<Row> prepare(TableId table, Dataset<Row> rows) {
        String name = lake.sqlName(table);
        if (!lake.exists(table)) {
            lake.append(table, rows.limit(0));
        }
        String fullMetrics = "write.metadata.metrics.column." + SOURCE;
        boolean hasFullMetrics = lake.spark().sql("SHOW TBLPROPERTIES " + name).collectAsList().stream()
                .anyMatch(
                        property -> fullMetrics.equals(property.getString(0)) && "full".equals(property.getString(1)));
        if (!hasFullMetrics) {
            lake.spark().sql("ALTER TABLE " + name + " SET TBLPROPERTIES ('" + fullMetrics + "' = 'full')");
        }
        List<StructField> fields = Arrays.asList(lake.read(table).schema().fields());
        for (StructField field : fields) {
            if (field.name().equals("_line") && !field.nullable()) {
                lake.spark().sql("ALTER TABLE " + name + " ALTER COLUMN _line DROP NOT NULL");
            }
        }
        List<String> existing = fields.stream().map(StructField::name).toList();
        List<String> added =
                Arrays.stream(rows.columns()).filter(c -> !existing.contains(c)).toList();
        if (!added.isEmpty()) {
            lake.spark()
                    .sql("ALTER TABLE " + name + " ADD COLUMNS ("
                            + added.stream().map(c -> quote(c) + " STRING").collect(Collectors.joining(", ")) + ")");
        }
        List<String> present = Arrays.asList(rows.columns());
        List<Column> ordered = new ArrayList<>();
        for (StructField field : fields) {
            ordered.add(
                    present.contains(field.name())
                            ? col(quote(field.name())).cast(field.dataType()).as(field.name())
                            : lit(null).cast(field.dataType()).as(field.name()));
        }
        for (String column : added) {
            ordered.add(col(quote(column)).cast(DataTypes.StringType).as(column));
        }
        return rows.select(ordered.toArray(Column[]::new));
    }

    private long addedRecords(TableId table) {
        OptionalLong snapshot = lake.snapshotId(table);
        if (snapshot.isEmpty()) {
            return 0;
        }
        List<Row> summary = lake.spark()
                .sql("SELECT summary['added-records'] FROM " + lake.sqlName(table) + ".snapshots WHERE snapshot_id = "
                        + snapshot.getAsLong())
                .collectAsList();
        return summary.isEmpty() || summary.get(0).isNullAt(0)
                ? 0
                : Long.parseLong(summary.get(0).getString(0));
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
