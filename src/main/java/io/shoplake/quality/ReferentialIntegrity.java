package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Referential integrity across tables: every non-null {@code column} of a table must exist as
 * {@code referenceColumn} of {@code referenceTable}. It becomes an {@link Expectation} (warn, quarantine the orphans,
 * or fail) once the reference rows are at hand.
 */
public record ReferentialIntegrity(String name, String column, String referenceTable, String referenceColumn) {

    public ReferentialIntegrity {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(referenceTable, "referenceTable is null");
        requireNonNull(referenceColumn, "referenceColumn is null");
    }

    /** The expectation against {@code reference} (the referenced table's rows) with {@code action}. */
    public Expectation expectation(Dataset<Row> reference, Action action) {
        return new Expectation(
                name, Rules.referenceExists(column, reference, referenceColumn, referenceTable + " row"), action);
    }
}
