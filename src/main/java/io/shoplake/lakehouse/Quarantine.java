package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quarantine layer: every rejected record, as received, with where it came from and why it was rejected.
 * Each lake table {@code layer.name} has its rejects in {@code quarantine.layer_name}.
 */
public final class Quarantine {

    /** Columns of every quarantine table. */
    public static final StructType SCHEMA = new StructType()
            .add("source", DataTypes.StringType, true)
            .add("line", DataTypes.LongType, true)
            .add("raw_record", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("quarantined_at", DataTypes.TimestampType, false);

    private final Lakehouse lake;

    public Quarantine(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /**
     * Shapes rejects into quarantine rows: {@code source}, {@code line} and {@code raw_record} are given as columns
     * of {@code rejects} (null literals when unknown), {@code reason} likewise.
     */
    public static Dataset<Row> records(
            Dataset<Row> rejects, Column source, Column line, Column rawRecord, Column reason, String runId) {
        return rejects.select(
                source.cast(DataTypes.StringType).as("source"),
                line.cast(DataTypes.LongType).as("line"),
                rawRecord.cast(DataTypes.StringType).as("raw_record"),
                reason.cast(DataTypes.StringType).as("reason"),
                lit(runId).as("run_id"),
                current_timestamp().as("quarantined_at"));
    }

    /** Adds rejects of {@code table} to its quarantine table (bronze: each file is rejected once). */
    public void append(TableId table, Dataset<Row> records) {
        lake.append(table.quarantine(), conform(records));
    }

    /** Replaces the rejects of {@code table} (steps that rebuild their table from scratch). */
    public void replace(TableId table, Dataset<Row> records) {
        lake.replace(table.quarantine(), conform(records));
    }

    /** Rejects of one table; empty when it never had any. */
    public Dataset<Row> of(TableId table) {
        TableId quarantine = table.quarantine();
        if (!lake.exists(quarantine)) {
            return lake.spark().createDataFrame(List.of(), SCHEMA);
        }
        return lake.read(quarantine);
    }

    private static Dataset<Row> conform(Dataset<Row> records) {
        return records.select(java.util.Arrays.stream(SCHEMA.fieldNames())
                .map(name -> col(name))
                .toArray(Column[]::new));
    }
}
