package io.shoplake.sources.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A buffered byte reader with push-back, the one primitive the streaming parsers read through: a parser that must
 * resynchronise after a broken record pushes the bytes after the record's first line back and reads them again.
 */
final class ByteInput {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** The next byte (0..255), or -1 at the end of the input. */
    int read() {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Gives back the byte just read (only valid right after a {@link #read()} that returned a byte). */
    void unreadOne() {
        pos--;
    }

    /** Pushes bytes back so that they are read again, before whatever was not read yet. */
    void unread(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        int remaining = limit - pos;
        byte[] merged = new byte[Math.max(BUFFER, length + remaining)];
        System.arraycopy(bytes, offset, merged, 0, length);
        System.arraycopy(buf, pos, merged, length, remaining);
        buf = merged;
        pos = 0;
        limit = length + remaining;
    }

    /**
     * Copies the run of buffered bytes before the next {@code stop1}, {@code stop2} or {@code stop3} (or the end of
     * the buffer) to both builders and consumes it; returns its length. The parsers' fast path: the bytes between
     * delimiters are copied in bulk instead of one {@link #read()} at a time.
     */
    int copyRun(ByteBuilder first, ByteBuilder second, int stop1, int stop2, int stop3) {
        byte[] b = buf;
        int start = pos;
        int end = start;
        int lim = limit;
        while (end < lim) {
            int c = b[end] & 0xFF;
            if (c == stop1 || c == stop2 || c == stop3) {
                break;
            }
            end++;
        }
        int count = end - start;
        if (count > 0) {
            first.append(b, start, count);
            second.append(b, start, count);
            pos = end;
        }
        return count;
    }

    /** Skips a UTF-8 byte order mark at the start of the input; returns how many bytes were skipped (0 or 3). */
    int skipBom() {
        int a = read();
        if (a == 0xEF) {
            int b = read();
            if (b == 0xBB) {
                int c = read();
                if (c == 0xBF) {
                    return 3;
                }
                unread(new byte[] {(byte) a, (byte) b, (byte) c}, 0, c < 0 ? 2 : 3);
                return 0;
            }
            unread(new byte[] {(byte) a, (byte) b}, 0, b < 0 ? 1 : 2);
            return 0;
        }
        if (a >= 0) {
            unreadOne();
        }
        return 0;
    }

    /**
     * Reads one physical line into {@code line} (without its LF or CRLF terminator). Returns the number of bytes
     * consumed including the terminator, or -1 at the end of the input.
     */
    long readLine(ByteBuilder line) {
        line.clear();
        long consumed = 0;
        while (true) {
            if (pos == limit && !fill()) {
                return consumed == 0 ? -1 : consumed;
            }
            int start = pos;
            int end = start;
            byte[] b = buf;
            int lim = limit;
            while (end < lim && b[end] != '\n') {
                end++;
            }
            line.append(b, start, end - start);
            consumed += end - start;
            if (end < lim) {
                pos = end + 1;
                consumed++;
                line.stripTrailingCr();
                return consumed;
            }
            pos = end;
        }
    }

    private boolean fill() {
        try {
            int n = in.read(buf, 0, buf.length);
            while (n == 0) {
                n = in.read(buf, 0, buf.length);
            }
            if (n < 0) {
                pos = limit = 0;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read file: " + e.getMessage(), e);
        }
    }
}
