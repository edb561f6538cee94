package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * How to parse a file: its format, the column names when the file has no header line (empty: the first line is the
 * header), and the fields every JSON Lines record must carry. Serializable: it travels to the Spark tasks.
 */
public record ParseSpec(FileFormat format, List<String> columnNames, List<String> requiredFields)
        implements Serializable {

    public ParseSpec {
        requireNonNull(format, "format is null");
        columnNames = List.copyOf(requireNonNull(columnNames, "columnNames is null"));
        requiredFields = List.copyOf(requireNonNull(requiredFields, "requiredFields is null"));
    }

    /** A spec for a file whose first line is its header (or a JSON Lines file). */
    public static ParseSpec withHeader(FileFormat format) {
        return new ParseSpec(format, List.of(), List.of());
    }

    /** A spec for a headerless file whose columns are {@code names}, in order. */
    public static ParseSpec headerless(FileFormat format, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a headerless file needs at least one column name");
        }
        return new ParseSpec(format, names, List.of());
    }

    public boolean hasHeader() {
        return columnNames.isEmpty() && format != FileFormat.JSON_LINES;
    }

    public Optional<List<String>> givenColumns() {
        return columnNames.isEmpty() ? Optional.empty() : Optional.of(columnNames);
    }
}
