package io.shoplake.pipelines.orders.generator;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Streams one table's CSV lines to disk: a header per file, a new part file every {@code partRows} lines when
 * splitting, and re-delivered duplicates written a few lines after their original.
 */
final class CsvTableWriter implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    private final Path directory;
    private final String table;
    private final String header;
    private final long partRows;
    private final List<Path> files = new ArrayList<>();
    private final Map<Defect, Long> defects = new EnumMap<>(Defect.class);
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private char[] chars = new char[512];
    private Writer writer;
    private boolean closed;
    private long rows;
    private long rowsInPart;
    private long pendingSequence;
    private long lastUnterminatedQuote = Long.MIN_VALUE / 2;

    private record Pending(long dueAt, long sequence, String line) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byDue = Long.compare(dueAt, other.dueAt);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    CsvTableWriter(Path directory, String table, List<String> columns, long partRows) {
        this.directory = requireNonNull(directory, "directory is null");
        this.table = requireNonNull(table, "table is null");
        this.header = String.join(",", columns);
        this.partRows = partRows;
    }

    /** Writes a line; {@code defect} is null for a clean line. */
    void write(CsvLine line, Defect defect) {
        count(defect);
        int length = line.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        line.getChars(chars, 0);
        writeLine(chars, length);
        flushDue();
    }

    /** Writes {@code line} again after {@code delay} more lines: a re-delivered record. */
    void redeliverLater(CsvLine line, int delay) {
        pending.add(new Pending(rows + delay, pendingSequence++, line.text()));
    }

    /** Lines written since the last line with an unterminated quote (very many when there was none). */
    long linesSinceUnterminatedQuote() {
        return rows - lastUnterminatedQuote;
    }

    /** Notes that the next line written carries an unterminated quote. */
    void markUnterminatedQuote() {
        lastUnterminatedQuote = rows;
    }

    long rows() {
        return rows;
    }

    /** Writes the re-deliveries still due, closes the last file and says what was written. */
    GeneratedOrders.TableFiles finish() {
        close();
        return new GeneratedOrders.TableFiles(table, files, rows, defects);
    }

    private void count(Defect defect) {
        if (defect != null) {
            defects.merge(defect, 1L, Long::sum);
        }
    }

    private void flushDue() {
        while (!pending.isEmpty() && pending.peek().dueAt() <= rows) {
            writeRedelivery(pending.poll());
        }
    }

    private void writeRedelivery(Pending due) {
        count(Defect.DUPLICATE);
        String line = due.line();
        if (chars.length < line.length()) {
            chars = new char[line.length() * 2];
        }
        line.getChars(0, line.length(), chars, 0);
        writeLine(chars, line.length());
    }

    private void writeLine(char[] text, int length) {
        try {
            if (writer == null || (partRows > 0 && rowsInPart >= partRows)) {
                openNextFile();
            }
            writer.write(text, 0, length);
            writer.write('\n');
            rows++;
            rowsInPart++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table + " CSV in " + directory + ": " + e.getMessage(), e);
        }
    }

    private void openNextFile() throws IOException {
        if (writer != null) {
            writer.close();
        }
        String name = partRows > 0 ? String.format("%s-%04d.csv", table, files.size() + 1) : table + ".csv";
        Path file = directory.resolve(name);
        writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.US_ASCII), BUFFER);
        writer.write(header);
        writer.write('\n');
        files.add(file);
        rowsInPart = 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!pending.isEmpty()) {
            writeRedelivery(pending.poll());
        }
        try {
            if (writer == null) {
                openNextFile();
            }
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + table + " CSV in " + directory + ": " + e.getMessage(), e);
        }
    }
}
