package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.TableId;
import java.util.Optional;

/**
 * What one table load did.
 *
 * @param sourceTable the source table
 * @param target the bronze table
 * @param mode {@code full} or {@code incremental}
 * @param rows rows written to bronze
 * @param keyAbove for an incremental load, the highest key already in bronze (rows above it were read); empty
 *                 when bronze held none of this source yet or the load was full
 * @param note why a load ran differently than asked, e.g. a full load because the table lacks the key column
 */
public record JdbcLoadResult(
        String sourceTable, TableId target, String mode, long rows, Optional<String> keyAbove, Optional<String> note) {

    public JdbcLoadResult {
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(target, "target is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(keyAbove, "keyAbove is null");
        requireNonNull(note, "note is null");
    }
}
