package io.shoplake.sources.files;

import java.util.ArrayList;
import java.util.List;

/**
 * What a file holds: data records, rejects, blank lines, (JSON Lines) its keys by first appearance, and record
 * boundaries about every {@code chunkBytes} bytes (offset and line) where parallel parse tasks may start.
 */
record ParseSummary(
        long data,
        long rejects,
        long blankLines,
        List<String> keys,
        List<Long> splitOffsets,
        List<Long> splitLines,
        List<Reject> keptRejects)
        implements java.io.Serializable {

    /** Rejects the counting pass keeps, so a file with a few broken records is not parsed again to quarantine them. */
    static final int KEPT_REJECTS = 10_000;
    /** ... and at most this much of their raw text. */
    static final long KEPT_REJECT_CHARS = 8L << 20;

    /** A broken record: its line, raw text and reason. */
    record Reject(long line, String raw, String reason) implements java.io.Serializable {}

    /** Whether {@link #keptRejects} holds every reject of the file. */
    boolean keptAllRejects() {
        return keptRejects.size() == rejects;
    }

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
        List<Reject> kept = new ArrayList<>();
        long keptChars = 0;
        boolean keeping = true;
        RecordParser parser = FileParser.open(in, spec).counting();
        while (parser.hasNext()) {
            ParsedRecord record = parser.next();
            switch (record.kind()) {
                case DATA -> {
                    data++;
                    if (record.named() != null) {
                        keys.addAll(record.named().keySet());
                    }
                }
                case REJECT -> {
                    rejects++;
                    String raw = record.raw();
                    long chars = raw == null ? 0 : raw.length();
                    if (keeping && kept.size() < KEPT_REJECTS && keptChars + chars <= KEPT_REJECT_CHARS) {
                        kept.add(new Reject(record.line(), raw, record.reason()));
                        keptChars += chars;
                    } else {
                        keeping = false;
                        kept.clear();
                    }
                }
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
                data,
                rejects,
                blanks,
                List.copyOf(keys),
                List.copyOf(splitOffsets),
                List.copyOf(splitLines),
                List.copyOf(kept));
    }
}
