package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One silver table's build: rows in (bronze rows read), rows out (rows written, one per key), older deliveries a
 * newer one superseded, rows quarantined, and failures per expectation (a row failing two rules counts under
 * both; {@code quarantined} counts it once). {@code rows_in = rows_out + duplicates_superseded + quarantined}.
 */
public record SilverTableReport(
        String table,
        long rowsIn,
        long rowsOut,
        long duplicatesSuperseded,
        long quarantined,
        Map<String, Long> quarantinedByExpectation,
        Map<String, Long> warnings) {

    public SilverTableReport {
        requireNonNull(table, "table is null");
        quarantinedByExpectation =
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(quarantinedByExpectation));
        warnings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(warnings));
    }
}
