package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A source table as the database describes it: its column names in source order, and the incremental key column
 * with its kind when the load asked for one and the table has it.
 */
record SourceTable(String name, List<String> columns, Optional<String> keyColumn, Optional<KeyKind> keyKind,
                   int keyScale) {

    SourceTable {
        requireNonNull(name, "name is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(keyColumn, "keyColumn is null");
        requireNonNull(keyKind, "keyKind is null");
    }

    /** How key values compare: as whole numbers, as decimals, or as text (ISO dates and times sort as text). */
    enum KeyKind { INTEGRAL, DECIMAL, TEXT }
}
