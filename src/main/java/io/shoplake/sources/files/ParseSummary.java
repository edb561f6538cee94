package io.shoplake.sources.files;

import java.util.ArrayList;
import java.util.List;

/**
 * What a file holds: data records, rejects, blank lines, (JSON Lines) its keys by first appearance, and record
 * boundaries about every {@code chunkBytes} bytes (offset and line) where parallel parse tasks may start.
 */
record ParseSummary(
        long data, long rejects, long blankLines, List<String> keys, List<Long> splitOffsets, List<Long> splitLines)
        implements java.io.Serializable {

    /** The file's chunks: one from the start, then one from each split. */
    List<Chunk> chunks(List<String> columns) {
        List<Chunk> chunks = new ArrayList<>();
        long offset = 0;
        long line = 1;
        for (int i = 0; i <= splitOffsets.size(); i++) {
            long end = i < splitOffsets.size() ? splitOffsets.get(i) : Long.MAX_VALUE;
            chunks.add(new Chunk(offset, line, end, columns));
            if (i < splitOffsets.size()) {
                offset = splitOffsets.get(i);
                line = splitLines.get(i);
            }
        }
        return chunks;
    }

    /** Reads a whole file once, keeping no record. */
    static ParseSummary of(java.io.InputStream in, ParseSpec spec, long chunkBytes) {
        long data = 0;
        long rejects = 0;
        long blanks = 0;
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        List<Long> splitOffsets = new ArrayList<>();
        List<Long> splitLines = new ArrayList<>();
        long lastSplit = 0;
        RecordParser parser = FileParser.open(in, spec);
        while (parser.hasNext()) {
            ParsedRecord record = parser.next();
            switch (record.kind()) {
                case DATA -> {
                    data++;
                    if (record.named() != null) {
                        keys.addAll(record.named().keySet());
                    }
                }
                case REJECT -> rejects++;
                case BLANK -> blanks++;
            }
            long next = parser.nextRecordOffset();
            if (next - lastSplit >= chunkBytes) {
                splitOffsets.add(next);
                splitLines.add(parser.nextRecordLine());
                lastSplit = next;
            }
        }
        return new ParseSummary(
                data, rejects, blanks, List.copyOf(keys), List.copyOf(splitOffsets), List.copyOf(splitLines));
    }
}
