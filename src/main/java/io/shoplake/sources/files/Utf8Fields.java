package io.shoplake.sources.files;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * One record's field values as the UTF-8 bytes they were read as, decoded to strings only when asked: the Spark
 * parse hands the bytes to Spark as they are, without a round trip through Java strings.
 */
final class Utf8Fields extends AbstractList<String> implements RandomAccess {

    private final byte[] bytes;
    private final int[] ends;

    /** {@code bytes} holds the fields one after the other; field {@code i} ends at {@code ends[i]} (exclusive). */
    Utf8Fields(byte[] bytes, int[] ends) {
        this.bytes = bytes;
        this.ends = ends;
    }

    @Override
    public String get(int index) {
        return new String(bytes, start(index), end(index) - start(index), StandardCharsets.UTF_8);
    }

    @Override
    public int size() {
        return ends.length;
    }

    /** The bytes of all fields; valid UTF-8 (the parser rejects a record that is not). */
    byte[] bytes() {
        return bytes;
    }

    int start(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    int end(int index) {
        return ends[index];
    }
}
