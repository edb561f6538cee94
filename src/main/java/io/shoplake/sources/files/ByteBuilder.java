package io.shoplake.sources.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array that also decodes UTF-8 and finds the first invalid UTF-8 byte. */
final class ByteBuilder {

    private byte[] bytes = new byte[256];
    private int length;

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void append(int b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = (byte) b;
    }

    void append(byte[] source, int offset, int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    void stripTrailingCr() {
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
    }

    void truncate(int newLength) {
        length = newLength;
    }

    /** Whether every byte is a space or a tab (true for an empty builder). */
    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    boolean hasNonAscii(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    String string(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    String string() {
        return string(0, length);
    }

    /** The index of the first byte that is not valid UTF-8 in {@code [0, length)}, or -1 when all is valid. */
    int firstInvalidUtf8(int limitLength) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, limitLength);
        CharBuffer out = CharBuffer.allocate(Math.min(limitLength, 8192) + 2);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isOverflow()) {
                out.clear();
                continue;
            }
            break;
        }
        out.clear();
        CoderResult flush = decoder.flush(out);
        return flush.isError() ? in.position() : -1;
    }
}
