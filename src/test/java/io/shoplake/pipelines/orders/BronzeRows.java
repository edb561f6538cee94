package io.shoplake.pipelines.orders;

import io.shoplake.testing.TestSpark;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Builds bronze-shaped Datasets (every source column a string, plus ingest metadata) from a few inline values. */
final class BronzeRows {

    private final String table;
    private final List<Row> rows = new ArrayList<>();

    private BronzeRows(String table) {
        this.table = table;
    }

    static BronzeRows of(String table) {
        return new BronzeRows(table);
    }

    static StructType schema(String table) {
        StructType schema = new StructType();
        for (String column : OrderSources.COLUMNS.get(table)) {
            schema = schema.add(column, DataTypes.StringType);
        }
        return schema.add("_source", DataTypes.StringType)
                .add("_line", DataTypes.LongType)
                .add("_run_id", DataTypes.StringType)
                .add("_ingested_at", DataTypes.TimestampType);
    }

    /** A row delivered by run {@code run} at {@code ingestedAt} (ISO, UTC); unnamed columns are null. */
    BronzeRows row(Map<String, String> values, String run, String ingestedAt, long line) {
        List<String> columns = OrderSources.COLUMNS.get(table);
        for (String name : values.keySet()) {
            if (!columns.contains(name)) {
                throw new IllegalArgumentException("no column " + name + " in " + table);
            }
        }
        Object[] cells = new Object[columns.size() + 4];
        for (int i = 0; i < columns.size(); i++) {
            cells[i] = values.get(columns.get(i));
        }
        cells[columns.size()] = table + ".csv";
        cells[columns.size() + 1] = line;
        cells[columns.size() + 2] = run;
        cells[columns.size() + 3] = Timestamp.from(java.time.Instant.parse(ingestedAt));
        rows.add(RowFactory.create(cells));
        return this;
    }

    BronzeRows row(Map<String, String> values) {
        return row(values, "run-1", "2017-04-01T00:00:00Z", rows.size() + 2);
    }

    Dataset<Row> dataset() {
        return TestSpark.spark().createDataFrame(rows, schema(table));
    }
}
