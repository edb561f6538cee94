package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.TableId;
import java.util.Optional;

/**
 * One source table to load into one bronze table: in full (replacing the rows an earlier full load of the same
 * source wrote), or incrementally by a key column (appending only rows whose key is above the highest key of
 * that source already in bronze).
 *
 * @param sourceTable the table in the source database
 * @param target the bronze table
 * @param incrementalKey the key column for an incremental load; empty for a full load
 */
public record JdbcTableLoad(String sourceTable, TableId target, Optional<String> incrementalKey) {

    public JdbcTableLoad {
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(target, "target is null");
        requireNonNull(incrementalKey, "incrementalKey is null");
        if (!sourceTable.matches("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?")) {
            throw new IllegalArgumentException(
                    "source table must be a plain or schema-qualified name, was: " + sourceTable);
        }
        incrementalKey.ifPresent(key -> {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                throw new IllegalArgumentException("incremental key must be a column name, was: " + key);
            }
        });
    }

    public static JdbcTableLoad full(String sourceTable, TableId target) {
        return new JdbcTableLoad(sourceTable, target, Optional.empty());
    }

    public static JdbcTableLoad incremental(String sourceTable, TableId target, String keyColumn) {
        return new JdbcTableLoad(sourceTable, target, Optional.of(keyColumn));
    }
}
