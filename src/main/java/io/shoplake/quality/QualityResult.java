package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of checking a batch: rows that pass (every column as given), rows rejected to quarantine (every column
 * plus {@link ExpectationSuite#REASONS} and {@link ExpectationSuite#REASON}), and one result per expectation.
 */
public record QualityResult(
        Dataset<Row> valid,
        Dataset<Row> rejected,
        List<ExpectationResult> results,
        long validCount,
        long rejectedCount) {

    public QualityResult {
        requireNonNull(valid, "valid is null");
        requireNonNull(rejected, "rejected is null");
        results = List.copyOf(results);
    }

    /** Throws for the first broken FAIL expectation; call after recording the results. */
    public void requireNoFailures() {
        for (ExpectationResult result : results) {
            if (result.action() == Action.FAIL && !result.passed()) {
                throw new ExpectationFailedException(result);
            }
        }
    }
}
