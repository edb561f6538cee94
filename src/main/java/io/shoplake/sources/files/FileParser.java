package io.shoplake.sources.files;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pure parse: bytes in, header and records (data, rejects with reasons, blank lines) out. No Spark, no lake. */
public final class FileParser {

    /** Records longer than this are rejected (a runaway quoted field is an unterminated quote). */
    public static final int MAX_RECORD_BYTES = 4 << 20;

    private FileParser() {}

    /**
     * Opens a parser over {@code in}; reads the header line at once when the spec says the file has one.
     *
     * @throws UnusableFileException when the header line itself cannot be parsed
     */
    public static RecordParser open(InputStream in, ParseSpec spec) {
        return open(in, spec, MAX_RECORD_BYTES);
    }

    static RecordParser open(InputStream in, ParseSpec spec, int maxRecordBytes) {
        return open(in, spec, maxRecordBytes, Chunk.whole());
    }

    /** A parser over one chunk of a file; {@code in} is positioned at the chunk's offset. */
    static RecordParser open(InputStream in, ParseSpec spec, int maxRecordBytes, Chunk chunk) {
        return switch (spec.format()) {
            case CSV -> new CsvParser(in, spec, ',', maxRecordBytes, chunk);
            case WHITESPACE -> new WhitespaceParser(in, spec, chunk);
            case JSON_LINES -> new JsonLinesParser(in, spec, chunk);
        };
    }

    /** Header names as bronze columns: trimmed, lower-cased; an empty name becomes {@code c<position>}. */
    static List<String> columnNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            names.add(name.isEmpty() ? "c" + (i + 1) : name);
        }
        return List.copyOf(names);
    }
}
