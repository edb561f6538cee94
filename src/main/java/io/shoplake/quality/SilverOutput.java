package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a bronze-to-silver transformation produced: typed rows (one per key), rejected rows with reasons, and the
 * counts. Reconciles: {@code rowsIn = rowsOut + duplicatesSuperseded + quarantined}.
 *
 * @param rejected the cleaned bronze rows that failed, with {@code _raw_record} and the reasons
 * @param results  one result per expectation, plus {@code duplicates_superseded} (WARN) for the dedupe
 */
public record SilverOutput(
        TableId table,
        Dataset<Row> rows,
        Dataset<Row> rejected,
        long rowsIn,
        long rowsOut,
        long duplicatesSuperseded,
        long quarantined,
        List<ExpectationResult> results) {

    public SilverOutput {
        requireNonNull(table, "table is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(rejected, "rejected is null");
        results = List.copyOf(results);
    }

    /**
     * The counts for {@code ops.runs}: superseded duplicates are counted as rows out (accounted for, not written),
     * so {@code rows_in = rows_out + rows_quarantined} holds; {@code ops.dq_results} has them separately.
     */
    public StepCounts stepCounts() {
        return new StepCounts(rowsIn, rowsOut + duplicatesSuperseded, quarantined);
    }
}
