package io.shoplake.sources.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Whether a file's header makes the file usable: unique names, not reserved, the required ones present. */
final class HeaderRules {

    /** Bronze's own columns; a file may not bring its own. */
    static final List<String> METADATA = List.of("_source", "_line", "_run_id", "_ingested_at");

    /** The end of the message for a header of numbers: callers with a headerless switch name it after this. */
    static final String LOOKS_HEADERLESS = "the file looks headerless";

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?[0-9]+([.,][0-9]+)*");

    private static final char[] OTHER_DELIMITERS = {';', '\t', '|'};

    private HeaderRules() {}

    /** The reason the header makes the file unusable, or empty when it is fine. An empty file has no header: fine. */
    static Optional<String> problem(
            FileFormat format, boolean fromHeader, List<String> columns, List<String> required) {
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        if (fromHeader && columns.stream().allMatch(c -> NUMBER.matcher(c).matches())) {
            return Optional.of("header line has only numbers ("
                    + String.join(", ", columns.subList(0, Math.min(4, columns.size())))
                    + (columns.size() > 4 ? ", ..." : "") + "): " + LOOKS_HEADERLESS);
        }
        if (columns.size() == 1) {
            Optional<Character> delimiter =
                    format == FileFormat.CSV ? likelyDelimiter(columns.get(0)) : Optional.empty();
            if (delimiter.isPresent()) {
                return Optional.of("header has 1 column ('" + columns.get(0) + "'); the delimiter looks like '"
                        + printable(delimiter.get()) + "', expected ','");
            }
            if (required.size() > 1) {
                return Optional.of("header has 1 column ('" + columns.get(0) + "'), expected " + required.size()
                        + " or more: " + String.join(", ", required));
            }
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                return Optional.of("header names column '" + column + "' twice");
            }
            if (METADATA.contains(column)) {
                return Optional.of("header column '" + column + "' is reserved for ingest metadata");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!seen.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("header lacks required column" + (missing.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", missing));
        }
        return Optional.empty();
    }

    private static Optional<Character> likelyDelimiter(String header) {
        char best = 0;
        long bestCount = 0;
        for (char candidate : OTHER_DELIMITERS) {
            long count = header.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return bestCount == 0 ? Optional.empty() : Optional.of(best);
    }

    private static String printable(char delimiter) {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }
}
