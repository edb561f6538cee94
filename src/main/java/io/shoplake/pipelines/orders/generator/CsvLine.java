package io.shoplake.pipelines.orders.generator;

import java.util.Arrays;

/**
 * One CSV record being built, reused from row to row so that writing millions of rows allocates little. Fields
 * are plain ASCII without commas, quotes or line breaks, so none needs quoting; defects edit single fields.
 */
final class CsvLine {

    private final StringBuilder text = new StringBuilder(256);
    private int[] starts = new int[32];
    private int fields;

    void clear() {
        text.setLength(0);
        fields = 0;
    }

    CsvLine field(CharSequence value) {
        begin();
        text.append(value);
        return this;
    }

    CsvLine field(long value) {
        begin();
        text.append(value);
        return this;
    }

    CsvLine empty() {
        begin();
        return this;
    }

    /** A money amount held in cents, written with two decimals ({@code 1234} becomes {@code 12.34}). */
    CsvLine cents(long cents) {
        begin();
        if (cents < 0) {
            text.append('-');
            cents = -cents;
        }
        long rest = cents % 100;
        text.append(cents / 100).append('.');
        if (rest < 10) {
            text.append('0');
        }
        text.append(rest);
        return this;
    }

    int fieldCount() {
        return fields;
    }

    /** Replaces field {@code index} (0-based) by {@code value}. */
    void replace(int index, String value) {
        int start = starts[index];
        int end = index + 1 < fields ? starts[index + 1] - 1 : text.length();
        int delta = value.length() - (end - start);
        text.replace(start, end, value);
        for (int i = index + 1; i < fields; i++) {
            starts[i] += delta;
        }
    }

    /** The text of field {@code index} (0-based). */
    String get(int index) {
        int start = starts[index];
        int end = index + 1 < fields ? starts[index + 1] - 1 : text.length();
        return text.substring(start, end);
    }

    /** Keeps only the first {@code count} fields: a record with too few fields. */
    void truncate(int count) {
        if (count < fields) {
            text.setLength(starts[count] - 1);
            fields = count;
        }
    }

    /** The record without line ending. */
    String text() {
        return text.toString();
    }

    void appendTo(StringBuilder target) {
        target.append(text);
    }

    int length() {
        return text.length();
    }

    void getChars(char[] target, int offset) {
        text.getChars(0, text.length(), target, offset);
    }

    private void begin() {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
        }
        if (fields > 0) {
            text.append(',');
        }
        starts[fields++] = text.length();
    }
}
