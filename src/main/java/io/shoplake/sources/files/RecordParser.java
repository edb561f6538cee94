package io.shoplake.sources.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A streaming parser over one file: the header's columns (or the given names) and then the records, one at a time,
 * so a file of any size is parsed in constant memory. Created by {@link FileParser#open}.
 */
public abstract class RecordParser implements Iterator<ParsedRecord>, Closeable {

    private final InputStream stream;
    private ParsedRecord next;
    private boolean done;
    private boolean counting;

    RecordParser(InputStream stream) {
        this.stream = stream;
    }

    /**
     * Makes this parser a counter: data records come back without their values ({@link ParsedRecord#counted}), for
     * a pass that only counts records and finds boundaries. Parsers that need the values to judge a record (JSON
     * Lines' keys) may ignore it.
     */
    final RecordParser counting() {
        this.counting = true;
        return this;
    }

    final boolean isCounting() {
        return counting;
    }

    /** The file's columns, lower-cased and trimmed (or the given names); empty for an empty file and JSON Lines. */
    public abstract List<String> columns();

    /** The byte offset where the next record starts (a record boundary). */
    abstract long nextRecordOffset();

    /** The physical line the next record starts on. */
    abstract long nextRecordLine();

    /** The next record, or null at the end of the file. */
    abstract ParsedRecord readNext();

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = readNext();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final ParsedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records");
        }
        ParsedRecord record = next;
        next = null;
        return record;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String invalidUtf8(long offset) {
        return "invalid UTF-8 at byte offset " + offset;
    }

    static String fieldCount(int expected, int found) {
        return "expected " + expected + " fields, found " + found;
    }
}
