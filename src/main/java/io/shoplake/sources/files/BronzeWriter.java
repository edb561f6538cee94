package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Appends string rows to a bronze table whose columns grow with its files: a file with a new column adds it to the
 * table, a file lacking a column gets nulls there. Returns the records each commit added, read back from Iceberg.
 */
final class BronzeWriter {

    private final Lakehouse lake;

    BronzeWriter(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Appends {@code rows} (all columns strings but the metadata) in one commit; returns the records added. */
    long append(TableId table, Dataset<Row> rows) {
        if (!lake.exists(table)) {
            lake.append(table, rows);
            return addedRecords(table);
        }
        List<String> existing = Arrays.asList(lake.read(table).columns());
        List<String> added =
                Arrays.stream(rows.columns()).filter(c -> !existing.contains(c)).toList();
        if (!added.isEmpty()) {
            lake.spark()
                    .sql("ALTER TABLE " + lake.sqlName(table) + " ADD COLUMNS ("
                            + added.stream().map(c -> quote(c) + " STRING").collect(Collectors.joining(", ")) + ")");
        }
        List<String> present = Arrays.asList(rows.columns());
        List<Column> aligned = new ArrayList<>();
        for (String column : existing) {
            aligned.add(
                    present.contains(column)
                            ? col(quote(column))
                            : lit(null).cast(DataTypes.StringType).as(column));
        }
        for (String column : added) {
            aligned.add(col(quote(column)));
        }
        lake.append(table, rows.select(aligned.toArray(Column[]::new)));
        return addedRecords(table);
    }

    /** The records the table's latest commit added (Iceberg's snapshot summary; metadata only, no Spark job). */
    long addedRecords(TableId table) {
        org.apache.iceberg.Table iceberg = lake.icebergTable(table)
                .orElseThrow(() -> new IllegalStateException("cannot load table " + table + ": it does not exist"));
        org.apache.iceberg.Snapshot snapshot = iceberg.currentSnapshot();
        String added = snapshot == null ? null : snapshot.summary().get("added-records");
        return added == null ? 0 : Long.parseLong(added);
    }

    static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
