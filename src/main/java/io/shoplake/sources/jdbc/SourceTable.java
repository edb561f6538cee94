package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A source table as the database describes it: its column names in source order, the incremental key column with
 * its kind when the load asked for one and the table has it, and the integer column to split reads by (the
 * incremental key when it is an integer, else a single-column integer primary key).
 */
record SourceTable(
        String name,
        List<String> columns,
        Optional<String> keyColumn,
        Optional<KeyKind> keyKind,
        int keyScale,
        Optional<String> rangeColumn) {

    SourceTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(keyColumn, "keyColumn is null");
        requireNonNull(keyKind, "keyKind is null");
        requireNonNull(rangeColumn, "rangeColumn is null");
    }

    /** How key values compare: as whole numbers, as decimals, or as text (ISO dates and times sort as text). */
    enum KeyKind {
        INTEGRAL,
        DECIMAL,
        TEXT
    }
}
