package io.shoplake.sources.files;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A byte-level RFC 4180 state machine: quoted fields with delimiters, doubled quotes and line breaks; LF or CRLF;
 * a leading BOM skipped. A quoting error rejects the record's first physical line and parsing resumes at the next
 * line, so one broken quote costs one line, not the rest of the file.
 */
final class CsvParser extends RecordParser {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private static final int END = 0;
    private static final int RECORD = 1;
    private static final int BROKEN = 2;

    private final ByteInput in;
    private final int delimiter;
    private final int maxRecordBytes;
    private final List<String> columns;
    private final int expected;

    private final ByteBuilder raw = new ByteBuilder();
    private final ByteBuilder field = new ByteBuilder();
    private int[] fieldEnds = new int[64];
    private int fieldCount;
    private boolean quoted;
    private int firstNewline;
    private String brokenReason;

    private long line = 1;
    private long offset;
    private long recordLine;
    private long recordOffset;

    private final long end;

    CsvParser(InputStream stream, ParseSpec spec, int delimiter, int maxRecordBytes, Chunk chunk) {
        super(stream);
        this.in = new ByteInput(stream);
        this.delimiter = delimiter;
        this.maxRecordBytes = maxRecordBytes;
        this.end = chunk.end();
        if (!chunk.atStart()) {
            this.offset = chunk.offset();
            this.line = chunk.line();
            this.columns = chunk.columns();
        } else {
            this.offset = in.skipBom();
            this.columns = spec.hasHeader() ? readHeader() : spec.columnNames();
        }
        this.expected = columns.size();
    }

    @Override
    long nextRecordOffset() {
        return offset;
    }

    @Override
    long nextRecordLine() {
        return line;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    private List<String> readHeader() {
        while (true) {
            int status = scan();
            if (status == END) {
                return List.of();
            }
            if (status == BROKEN) {
                throw new UnusableFileException("header line " + recordLine + " cannot be parsed: " + brokenReason);
            }
            if (isBlank()) {
                continue;
            }
            if (raw.hasNonAscii(0, raw.length())) {
                int bad = raw.firstInvalidUtf8(raw.length());
                if (bad >= 0) {
                    throw new UnusableFileException(
                            "header line " + recordLine + ": " + invalidUtf8(recordOffset + bad));
                }
            }
            return FileParser.columnNames(values());
        }
    }

    @Override
    ParsedRecord readNext() {
        if (offset >= end) {
            return null;
        }
        int status = scan();
        if (status == END) {
            return null;
        }
        if (status == BROKEN) {
            return resynchronise();
        }
        if (isBlank()) {
            return ParsedRecord.blank(recordLine);
        }
        if (raw.hasNonAscii(0, raw.length())) {
            int bad = raw.firstInvalidUtf8(raw.length());
            if (bad >= 0) {
                return ParsedRecord.reject(recordLine, raw.string(), invalidUtf8(recordOffset + bad));
            }
        }
        if (fieldCount != expected) {
            return ParsedRecord.reject(recordLine, raw.string(), fieldCount(expected, fieldCount));
        }
        return isCounting() ? ParsedRecord.counted(recordLine) : ParsedRecord.data(recordLine, values());
    }

    private boolean isBlank() {
        return fieldCount == 1 && !quoted && firstNewline < 0 && raw.isBlank();
    }

    private List<String> values() {
        return new Utf8Fields(Arrays.copyOf(field.array(), field.length()), Arrays.copyOf(fieldEnds, fieldCount));
    }

    /** Rejects the broken record's first line and continues parsing at the line after it. */
    private ParsedRecord resynchronise() {
        String reason = brokenReason;
        if (firstNewline >= 0) {
            byte[] bytes = raw.array();
            int restStart = firstNewline + 1;
            in.unread(bytes, restStart, raw.length() - restStart);
            raw.truncate(firstNewline);
            raw.stripTrailingCr();
            line = recordLine + 1;
            offset = recordOffset + restStart;
            return ParsedRecord.reject(recordLine, raw.string(), reason);
        }
        // The error is on the record's only line: the rest of that line belongs to the reject.
        long consumed = raw.length();
        while (true) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            consumed++;
            if (c == '\n') {
                break;
            }
            if (raw.length() < maxRecordBytes) {
                raw.append(c);
            }
        }
        raw.stripTrailingCr();
        line = recordLine + 1;
        offset = recordOffset + consumed;
        return ParsedRecord.reject(recordLine, raw.string(), reason);
    }

    /** Reads one record's bytes into {@code raw} and its field contents into {@code field}. */
    private int scan() {
        raw.clear();
        field.clear();
        fieldCount = 0;
        quoted = false;
        firstNewline = -1;
        recordLine = line;
        recordOffset = offset;
        int state = FIELD_START;
        final ByteInput in = this.in;
        final ByteBuilder raw = this.raw;
        final ByteBuilder field = this.field;
        final int delimiter = this.delimiter;
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (state == QUOTED) {
                    brokenReason = "broken quoting: unterminated quote in field " + (fieldCount + 1);
                    return BROKEN;
                }
                if (state == FIELD_START && raw.length() == 0 && fieldCount == 0) {
                    return END;
                }
                endField();
                offset += raw.length();
                return RECORD;
            }
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (c == delimiter) {
                        raw.append(c);
                        endField();
                        state = FIELD_START;
                    } else if (c == '\n') {
                        return endRecord(1);
                    } else if (c == '\r' && nextIsLf()) {
                        return endRecord(2);
                    } else if (c == '"' && state == FIELD_START) {
                        raw.append(c);
                        quoted = true;
                        state = QUOTED;
                    } else {
                        raw.append(c);
                        field.append(c);
                        in.copyRun(raw, field, delimiter, '\n', '\r');
                        state = UNQUOTED;
                    }
                }
                case QUOTED -> {
                    raw.append(c);
                    if (c == '"') {
                        state = QUOTE_IN_QUOTED;
                    } else {
                        field.append(c);
                        if (c == '\n') {
                            line++;
                            if (firstNewline < 0) {
                                firstNewline = raw.length() - 1;
                            }
                        } else {
                            in.copyRun(raw, field, '"', '\n', '"');
                        }
                    }
                }
                default -> { // QUOTE_IN_QUOTED
                    if (c == '"') {
                        raw.append(c);
                        field.append(c);
                        state = QUOTED;
                    } else if (c == delimiter) {
                        raw.append(c);
                        endField();
                        state = FIELD_START;
                    } else if (c == '\n') {
                        return endRecord(1);
                    } else if (c == '\r' && nextIsLf()) {
                        return endRecord(2);
                    } else {
                        raw.append(c);
                        brokenReason =
                                "broken quoting: unexpected text after the closing quote of field " + (fieldCount + 1);
                        return BROKEN;
                    }
                }
            }
            if (raw.length() > maxRecordBytes) {
                brokenReason = "broken quoting: record longer than " + maxRecordBytes + " bytes"
                        + (state == QUOTED ? " (unterminated quote in field " + (fieldCount + 1) + ")" : "");
                return BROKEN;
            }
        }
    }

    private boolean nextIsLf() {
        int next = in.read();
        if (next == '\n') {
            return true;
        }
        if (next >= 0) {
            in.unreadOne();
        }
        return false;
    }

    private int endRecord(int terminatorLength) {
        endField();
        offset += raw.length() + terminatorLength;
        line++;
        return RECORD;
    }

    private void endField() {
        if (fieldCount == fieldEnds.length) {
            fieldEnds = Arrays.copyOf(fieldEnds, fieldCount * 2);
        }
        fieldEnds[fieldCount++] = field.length();
    }
}
