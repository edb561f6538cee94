package io.shoplake.sources.files;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Whitespace-delimited text: runs of spaces and tabs separate fields, leading and trailing ones are ignored. */
final class WhitespaceParser extends LineParser {

    private final List<String> columns;

    WhitespaceParser(InputStream stream, ParseSpec spec, Chunk chunk) {
        super(stream, chunk);
        this.columns = !chunk.atStart() ? chunk.columns() : spec.hasHeader() ? readHeader() : spec.columnNames();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    private List<String> readHeader() {
        while (nextLine()) {
            if (text.isBlank()) {
                continue;
            }
            String problem = utf8Problem();
            if (problem != null) {
                throw new UnusableFileException("header line " + line + ": " + problem);
            }
            return FileParser.columnNames(split());
        }
        return List.of();
    }

    @Override
    ParsedRecord parseLine() {
        List<String> values = split();
        if (values.size() != columns.size()) {
            return ParsedRecord.reject(line, text.string(), fieldCount(columns.size(), values.size()));
        }
        return ParsedRecord.data(line, values);
    }

    private List<String> split() {
        List<String> values = new ArrayList<>(Math.max(columns == null ? 8 : columns.size(), 1));
        byte[] bytes = text.array();
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && (bytes[i] == ' ' || bytes[i] == '\t')) {
                i++;
            }
            int start = i;
            while (i < length && bytes[i] != ' ' && bytes[i] != '\t') {
                i++;
            }
            if (i > start) {
                values.add(text.string(start, i));
            }
        }
        return values;
    }
}
