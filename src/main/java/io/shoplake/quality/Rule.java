package io.shoplake.quality;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A row-level data-quality rule. Built by {@link Rules}; a null value passes every rule except {@code notNull}, so
 * each defect is reported once, by the rule that is about it.
 */
public interface Rule {

    /**
     * Adds {@code violationColumn} to {@code rows}: the reason (column, rule and bad value, e.g.
     * {@code order_date: not a valid date: 2017-02-30}) when the row breaks the rule, null when it passes. Keeps
     * every row and column of {@code rows}.
     */
    Dataset<Row> mark(Dataset<Row> rows, String violationColumn);

    /** A short description for docs and listings, e.g. {@code order_date parses as date}. */
    String describe();
}
