package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A table-level expectation on the shape of a source: a field that appears, disappears or changes type against the
 * previous delivery is a change, recorded in {@code ops.dq_results} and warned (or the run fails, with FAIL). The
 * data itself is untouched: bronze keeps records as received, a new field included.
 */
public record SchemaDrift(String name, Action action) {

    public SchemaDrift {
        requireNonNull(name, "name is null");
        requireNonNull(action, "action is null");
        if (action == Action.QUARANTINE) {
            throw new IllegalArgumentException("a table-level expectation cannot quarantine rows: " + name);
        }
    }

    /** How a field changed. */
    public enum Kind {
        APPEARED,
        DISAPPEARED,
        TYPE_CHANGED
    }

    /** One field's change; {@code before}/{@code after} are its types (empty when absent). */
    public record Change(String field, Kind kind, String before, String after) {
        @Override
        public String toString() {
            return switch (kind) {
                case APPEARED -> field + " appeared (" + after + ")";
                case DISAPPEARED -> field + " disappeared (was " + before + ")";
                case TYPE_CHANGED -> field + " changed type " + before + " -> " + after;
            };
        }
    }

    /**
     * Each field's type from counts of the types seen ({@code field -> type -> count}): the most frequent non-null
     * type (a few wrongly typed values are the row rules' business, not drift), {@code null} when only nulls were
     * seen; ties go to the alphabetically first type so the answer is stable.
     */
    public static Map<String, String> dominantTypes(Map<String, Map<String, Long>> seen) {
        Map<String, String> types = new TreeMap<>();
        seen.forEach((field, counts) -> {
            String best = "null";
            long bestCount = -1;
            for (String type : new TreeSet<>(counts.keySet())) {
                if (!type.equals("null") && counts.get(type) > bestCount) {
                    best = type;
                    bestCount = counts.get(type);
                }
            }
            types.put(field, best);
        });
        return types;
    }

    /** The changes from {@code previous} to {@code current} (field -> type), sorted by field. */
    public static List<Change> changes(Map<String, String> previous, Map<String, String> current) {
        List<Change> changes = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(previous.keySet());
        fields.addAll(current.keySet());
        for (String field : fields) {
            String before = previous.get(field);
            String after = current.get(field);
            if (before == null) {
                changes.add(new Change(field, Kind.APPEARED, "", after));
            } else if (after == null) {
                changes.add(new Change(field, Kind.DISAPPEARED, before, ""));
            } else if (!before.equals(after) && !before.equals("null") && !after.equals("null")) {
                changes.add(new Change(field, Kind.TYPE_CHANGED, before, after));
            }
        }
        return changes;
    }

    /**
     * Checks {@code current} against {@code previous} (empty for the first delivery: nothing to compare, passes).
     * Rows checked are the fields now present; rows failed the changes.
     */
    public ExpectationResult check(
            String tableName, Optional<Map<String, String>> previous, Map<String, String> current) {
        if (previous.isEmpty()) {
            return new ExpectationResult(
                    tableName,
                    name,
                    action,
                    current.size(),
                    0,
                    Optional.of("first delivery: " + current.size() + " fields recorded"));
        }
        List<Change> changes = changes(previous.get(), current);
        String detail = changes.isEmpty()
                ? "no change in " + current.size() + " fields"
                : changes.stream().map(Change::toString).collect(Collectors.joining("; "));
        return new ExpectationResult(
                tableName, name, action, Math.max(current.size(), changes.size()), changes.size(), Optional.of(detail));
    }
}
