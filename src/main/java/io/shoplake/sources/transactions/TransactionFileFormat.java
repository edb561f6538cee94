package io.shoplake.sources.transactions;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How to read a transaction log file: CSV or whitespace-separated, with or without a header line, which columns hold
 * the customer, the date and the amount (a header name, or a 1-based position), and the date pattern.
 */
public record TransactionFileFormat(Layout layout, boolean header, String customerColumn, String dateColumn,
                                    String amountColumn, String datePattern) implements Serializable {

    /** Field separation. */
    public enum Layout {
        CSV, WHITESPACE;

        public static Layout of(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("format must be csv or whitespace, was: " + text);
            }
        }
    }

    public TransactionFileFormat {
        requireNonNull(layout, "layout is null");
        requireNonNull(customerColumn, "customerColumn is null");
        requireNonNull(dateColumn, "dateColumn is null");
        requireNonNull(amountColumn, "amountColumn is null");
        requireNonNull(datePattern, "datePattern is null");
        try {
            DateTimeFormatter.ofPattern(datePattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("date format is not a valid pattern, was: " + datePattern);
        }
        for (String column : new String[] {customerColumn, dateColumn, amountColumn}) {
            if (!header && !isPosition(column)) {
                throw new IllegalArgumentException("without a header, columns must be 1-based positions, was: " + column);
            }
        }
    }

    /** CSV with a header naming customer_id, date, amount; ISO dates. */
    public static TransactionFileFormat defaults() {
        return new TransactionFileFormat(Layout.CSV, true, "customer_id", "date", "amount", "yyyy-MM-dd");
    }

    static boolean isPosition(String column) {
        return column.matches("[1-9][0-9]*");
    }
}
