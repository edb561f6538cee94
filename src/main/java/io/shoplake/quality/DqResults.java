package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Writes and reads {@code ops.dq_results}: one row per expectation, table and run. */
public final class DqResults {

    public static final TableId TABLE = TableId.ops("dq_results");

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("table_name", DataTypes.StringType, false)
            .add("expectation", DataTypes.StringType, false)
            .add("action", DataTypes.StringType, false)
            .add("rows_checked", DataTypes.LongType, false)
            .add("rows_failed", DataTypes.LongType, false)
            .add("passed", DataTypes.BooleanType, false)
            .add("detail", DataTypes.StringType, true)
            .add("as_of", DataTypes.DateType, true)
            .add("checked_at", DataTypes.TimestampType, false);

    private final Lakehouse lake;

    public DqResults(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Appends the results of one run (nothing when the list is empty). */
    public void record(String runId, Optional<LocalDate> asOf, List<ExpectationResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Timestamp checkedAt = Timestamp.from(Instant.now());
        List<Row> rows = results.stream()
                .map(r -> RowFactory.create(
                        runId,
                        r.tableName(),
                        r.expectation(),
                        r.action().name(),
                        r.rowsChecked(),
                        r.rowsFailed(),
                        r.passed(),
                        r.detail().orElse(null),
                        asOf.map(Date::valueOf).orElse(null),
                        checkedAt))
                .toList();
        lake.append(TABLE, lake.spark().createDataFrame(rows, SCHEMA));
    }

    /** Every recorded result; empty before the first run. */
    public Dataset<Row> all() {
        if (!lake.exists(TABLE)) {
            return lake.spark().createDataFrame(List.of(), SCHEMA);
        }
        return lake.read(TABLE);
    }
}
