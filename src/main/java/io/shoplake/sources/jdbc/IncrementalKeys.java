package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which key column each table loads incrementally by, parsed from {@code --incremental-key}: a bare column applies
 * to every table (e.g. {@code id}); {@code table=column} entries name a table's own key
 * (e.g. {@code id,order_details=order_id}). No keys at all means full loads.
 *
 * @param defaultKey the column for tables without an entry of their own
 * @param perTable table-specific key columns
 */
public record IncrementalKeys(Optional<String> defaultKey, Map<String, String> perTable) {

    public static final IncrementalKeys NONE = new IncrementalKeys(Optional.empty(), Map.of());

    public IncrementalKeys {
        requireNonNull(defaultKey, "defaultKey is null");
        perTable = Map.copyOf(requireNonNull(perTable, "perTable is null"));
    }

    /** Parses {@code column} or {@code column,table=column,...}. */
    public static IncrementalKeys parse(String spec) {
        Optional<String> defaultKey = Optional.empty();
        Map<String, String> perTable = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 0) {
                if (defaultKey.isPresent()) {
                    throw new IllegalArgumentException("incremental key may name one default column, was: " + spec);
                }
                defaultKey = Optional.of(checkedName(item, spec));
            } else {
                perTable.put(
                        checkedName(item.substring(0, equals).trim(), spec),
                        checkedName(item.substring(equals + 1).trim(), spec));
            }
        }
        if (defaultKey.isEmpty() && perTable.isEmpty()) {
            throw new IllegalArgumentException("incremental key must name a column, was: '" + spec + "'");
        }
        return new IncrementalKeys(defaultKey, perTable);
    }

    /** The key for {@code table}, if any. */
    public Optional<String> keyFor(String table) {
        return Optional.ofNullable(perTable.get(table)).or(() -> defaultKey);
    }

    private static String checkedName(String name, String spec) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("incremental key entries must be COLUMN or TABLE=COLUMN, was: " + spec);
        }
        return name;
    }
}
