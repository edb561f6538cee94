package io.shoplake.sources.files;

import java.util.Locale;

/** The file formats the file ingest reads. */
public enum FileFormat {
    /** RFC 4180 CSV: comma-separated, double-quoted fields may hold commas, doubled quotes and line breaks. */
    CSV,
    /** JSON Lines: one JSON object per line; nested values are kept as JSON text. */
    JSON_LINES,
    /** Whitespace-delimited text: runs of spaces or tabs separate fields; no quoting. */
    WHITESPACE;

    /** Parses {@code csv}, {@code jsonl} / {@code json-lines}, {@code whitespace}. */
    public static FileFormat of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "csv" -> CSV;
            case "jsonl", "json-lines", "ndjson" -> JSON_LINES;
            case "whitespace", "ws", "txt" -> WHITESPACE;
            default -> throw new IllegalArgumentException("file format must be csv, jsonl or whitespace, was: " + name);
        };
    }
}
