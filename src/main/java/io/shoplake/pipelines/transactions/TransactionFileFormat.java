package io.shoplake.pipelines.transactions;

import static java.util.Objects.requireNonNull;

import io.shoplake.sources.files.FileFormat;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * How to read a transaction log file: CSV or whitespace-separated, with or without a header line, which columns hold
 * the customer, the date and the amount (a header name, or a 1-based position), the date pattern, and for a file
 * without a header its number of columns (0: the highest position given).
 */
public record TransactionFileFormat(
        FileFormat format,
        boolean header,
        String customerColumn,
        String dateColumn,
        String amountColumn,
        String datePattern,
        int columnCount)
        implements Serializable {

    public TransactionFileFormat {
        requireNonNull(format, "format is null");
        requireNonNull(customerColumn, "customerColumn is null");
        requireNonNull(dateColumn, "dateColumn is null");
        requireNonNull(amountColumn, "amountColumn is null");
        requireNonNull(datePattern, "datePattern is null");
        if (format == FileFormat.JSON_LINES) {
            throw new IllegalArgumentException("format must be csv or whitespace, was: jsonl");
        }
        try {
            DateTimeFormatter.ofPattern(datePattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("date format is not a valid pattern, was: " + datePattern);
        }
        for (String column : List.of(customerColumn, dateColumn, amountColumn)) {
            if (!header && !isPosition(column)) {
                throw new IllegalArgumentException(
                        "without a header, columns must be 1-based positions, was: " + column);
            }
        }
        if (columnCount < 0) {
            throw new IllegalArgumentException("column count must be at least 0, was: " + columnCount);
        }
        if (header && columnCount != 0) {
            throw new IllegalArgumentException(
                    "a column count is only for files without a header, was: " + columnCount);
        }
        if (!header && columnCount != 0 && columnCount < highestPosition(customerColumn, dateColumn, amountColumn)) {
            throw new IllegalArgumentException("column count must cover the column positions given ("
                    + highestPosition(customerColumn, dateColumn, amountColumn) + "), was: " + columnCount);
        }
    }

    /** CSV with a header naming customer_id, date, amount; ISO dates. */
    public static TransactionFileFormat defaults() {
        return new TransactionFileFormat(FileFormat.CSV, true, "customer_id", "date", "amount", "yyyy-MM-dd", 0);
    }

    /** A file without a header: columns by position, {@code columnCount} of them (0: the highest position). */
    public static TransactionFileFormat headerless(
            FileFormat format, int customer, int date, int amount, String datePattern, int columnCount) {
        return new TransactionFileFormat(
                format,
                false,
                String.valueOf(customer),
                String.valueOf(date),
                String.valueOf(amount),
                datePattern,
                columnCount);
    }

    /** The number of columns of a file without a header. */
    public int headerlessColumns() {
        return columnCount != 0 ? columnCount : highestPosition(customerColumn, dateColumn, amountColumn);
    }

    public static boolean isPosition(String column) {
        return column.matches("[1-9][0-9]*");
    }

    private static int highestPosition(String... columns) {
        return Stream.of(columns)
                .filter(TransactionFileFormat::isPosition)
                .mapToInt(Integer::parseInt)
                .max()
                .orElse(0);
    }
}
