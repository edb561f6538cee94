package io.shoplake.sources.files;

import java.io.InputStream;

/** Shared reading for the one-record-per-line formats: physical lines, line numbers, byte offsets, blank lines, UTF-8. */
abstract class LineParser extends RecordParser {

    final ByteInput in;
    final ByteBuilder text = new ByteBuilder();
    long line;
    long lineOffset;
    private long nextOffset;

    private final long end;

    LineParser(InputStream stream, Chunk chunk) {
        super(stream);
        this.in = new ByteInput(stream);
        this.end = chunk.end();
        if (chunk.atStart()) {
            this.nextOffset = in.skipBom();
        } else {
            this.nextOffset = chunk.offset();
            this.line = chunk.line() - 1;
        }
    }

    @Override
    final long nextRecordOffset() {
        return nextOffset;
    }

    @Override
    final long nextRecordLine() {
        return line + 1;
    }

    /** Reads the next physical line into {@code text}; false at the end of the input. */
    final boolean nextLine() {
        long consumed = in.readLine(text);
        if (consumed < 0) {
            return false;
        }
        line++;
        lineOffset = nextOffset;
        nextOffset += consumed;
        return true;
    }

    /** The reason the current line is not valid UTF-8, or null when it is. */
    final String utf8Problem() {
        if (!text.hasNonAscii(0, text.length())) {
            return null;
        }
        int bad = text.firstInvalidUtf8(text.length());
        return bad < 0 ? null : invalidUtf8(lineOffset + bad);
    }

    @Override
    final ParsedRecord readNext() {
        if (nextOffset >= end || !nextLine()) {
            return null;
        }
        if (text.isBlank()) {
            return ParsedRecord.blank(line);
        }
        String problem = utf8Problem();
        if (problem != null) {
            return ParsedRecord.reject(line, text.string(), problem);
        }
        return parseLine();
    }

    /** Parses the current, non-blank, valid UTF-8 line. */
    abstract ParsedRecord parseLine();
}
