package io.shoplake.sources.files;

import java.io.Serializable;
import java.util.List;

/**
 * A part of a file that starts at a record boundary: its byte offset, the physical line number there, where the next
 * part starts, and the file's columns. Found by the counting pass, so big files are parsed by several tasks at once.
 */
record Chunk(long offset, long line, long end, List<String> columns) implements Serializable {

    Chunk {
        if (offset < 0 || line < 1 || end < offset) {
            throw new IllegalArgumentException("chunk must start at offset >= 0, line >= 1 and end after it, was: "
                    + offset + ", " + line + ", " + end);
        }
        columns = List.copyOf(columns);
    }

    /** The whole file, from its first byte (header and BOM handled as usual). */
    static Chunk whole() {
        return new Chunk(0, 1, Long.MAX_VALUE, List.of());
    }

    boolean atStart() {
        return offset == 0;
    }
}
