package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One record read from a file: data (positional {@code values} for CSV and whitespace text, {@code named} values
 * for JSON Lines), a reject with its raw text and reason, or a skipped blank line. {@code line} is the 1-based
 * physical line the record starts on.
 */
public record ParsedRecord(
        RecordKind kind, long line, List<String> values, Map<String, String> named, String raw, String reason) {

    /** What a parsed record is. */
    public enum RecordKind {
        DATA,
        REJECT,
        BLANK
    }

    public ParsedRecord {
        requireNonNull(kind, "kind is null");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1, was: " + line);
        }
    }

    public static ParsedRecord data(long line, List<String> values) {
        return new ParsedRecord(RecordKind.DATA, line, requireNonNull(values, "values is null"), null, null, null);
    }

    /** A data record of a counting pass: its values were not decoded (they are empty). */
    static ParsedRecord counted(long line) {
        return new ParsedRecord(RecordKind.DATA, line, List.of(), null, null, null);
    }

    public static ParsedRecord named(long line, Map<String, String> named) {
        return new ParsedRecord(RecordKind.DATA, line, null, requireNonNull(named, "named is null"), null, null);
    }

    public static ParsedRecord reject(long line, String raw, String reason) {
        return new ParsedRecord(
                RecordKind.REJECT,
                line,
                null,
                null,
                requireNonNull(raw, "raw is null"),
                requireNonNull(reason, "reason is null"));
    }

    public static ParsedRecord blank(long line) {
        return new ParsedRecord(RecordKind.BLANK, line, null, null, null, null);
    }
}
