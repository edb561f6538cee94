package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How one expectation fared on one table in one run: a row of {@code ops.dq_results}.
 *
 * @param detail table-level expectations say what they saw (e.g. the latest timestamp); row-level ones have none
 */
public record ExpectationResult(
        String tableName,
        String expectation,
        Action action,
        long rowsChecked,
        long rowsFailed,
        Optional<String> detail) {

    public ExpectationResult {
        requireNonNull(tableName, "tableName is null");
        requireNonNull(expectation, "expectation is null");
        requireNonNull(action, "action is null");
        requireNonNull(detail, "detail is null");
        if (rowsFailed < 0 || rowsFailed > rowsChecked) {
            throw new IllegalArgumentException(
                    "rows failed must be between 0 and rows checked (" + rowsChecked + "), was: " + rowsFailed);
        }
    }

    public ExpectationResult(String tableName, String expectation, Action action, long rowsChecked, long rowsFailed) {
        this(tableName, expectation, action, rowsChecked, rowsFailed, Optional.empty());
    }

    public boolean passed() {
        return rowsFailed == 0;
    }
}
