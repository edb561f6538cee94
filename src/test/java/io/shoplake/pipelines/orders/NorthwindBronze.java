package io.shoplake.pipelines.orders;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** The Northwind CSVs read with Spark's CSV reader as bronze-shaped rows (every column a string plus metadata). */
final class NorthwindBronze {

    private NorthwindBronze() {}

    static Dataset<Row> read(String table) {
        String path = SharedData.require("northwind-orders/" + table + ".csv").toString();
        Dataset<Row> csv = TestSpark.spark()
                .read()
                .option("header", "true")
                .option("inferSchema", "false")
                .csv(path);
        List<Column> columns = new ArrayList<>();
        for (String name : OrderSources.COLUMNS.get(table)) {
            columns.add(col(name).cast(DataTypes.StringType));
        }
        columns.add(lit(table + ".csv").as("_source"));
        columns.add(lit(null).cast(DataTypes.LongType).as("_line"));
        columns.add(lit("test-ingest").as("_run_id"));
        columns.add(lit(Timestamp.from(Instant.parse("2017-03-17T06:00:00Z"))).as("_ingested_at"));
        return csv.select(columns.toArray(Column[]::new));
    }

    /** Writes the five bronze tables into {@code lake}. */
    static void writeTo(Lakehouse lake) {
        for (String table : OrderSources.LOAD_ORDER) {
            lake.append(OrderSources.bronze(table), read(table));
        }
    }
}
