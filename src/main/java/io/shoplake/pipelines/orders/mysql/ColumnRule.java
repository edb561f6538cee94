package io.shoplake.pipelines.orders.mysql;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * What a value must look like to go into a MySQL column, read from the database's own metadata so the schema
 * script stays the one definition. Checking in Java first gives each bad record its own reason (a failed batch
 * only says that something in it failed) and keeps MySQL from coercing bad text to 0 or a zero date.
 *
 * @param name column name
 * @param jdbcType {@link java.sql.Types} constant
 * @param typeName the database type name, e.g. {@code INT}, {@code TINYINT}
 * @param size characters for text, precision for decimals
 * @param scale digits after the point for decimals
 * @param nullable whether NULL (an empty field) is allowed
 */
record ColumnRule(String name, int jdbcType, String typeName, int size, int scale, boolean nullable) {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]").withResolverStyle(ResolverStyle.STRICT);

    ColumnRule {
        requireNonNull(name, "name is null");
        requireNonNull(typeName, "typeName is null");
    }

    /** The broken rule for {@code value} (null or empty means NULL), or null when the value fits. */
    String violation(String value) {
        if (value == null || value.isEmpty()) {
            return nullable ? null : "missing value";
        }
        return switch (jdbcType) {
            case Types.BIT, Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> integer(value);
            case Types.DECIMAL, Types.NUMERIC -> decimal(value);
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> number(value);
            case Types.DATE -> date(value);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> dateTime(value);
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR ->
                size > 0 && value.length() > size ? "longer than " + size + " characters" : null;
            default -> null;
        };
    }

    private String integer(String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return "not an integer";
        }
        String type = typeName.toUpperCase(Locale.ROOT);
        boolean unsigned = type.contains("UNSIGNED");
        long min = unsigned
                ? 0
                : type.startsWith("TINYINT")
                        ? -128
                        : type.startsWith("SMALLINT")
                                ? -32_768
                                : type.startsWith("BIGINT") ? Long.MIN_VALUE : Integer.MIN_VALUE;
        long max = type.startsWith("TINYINT")
                ? (unsigned ? 255 : 127)
                : type.startsWith("SMALLINT")
                        ? 32_767
                        : type.startsWith("BIGINT") ? Long.MAX_VALUE : (unsigned ? 4_294_967_295L : Integer.MAX_VALUE);
        return parsed < min || parsed > max ? "out of range for " + type : null;
    }

    private String decimal(String value) {
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return "not a decimal number";
        }
        int integerDigits = parsed.precision() - parsed.scale();
        return size > 0 && integerDigits > size - scale ? "out of range for DECIMAL(" + size + "," + scale + ")" : null;
    }

    private static String number(String value) {
        try {
            Double.parseDouble(value.trim());
            return null;
        } catch (NumberFormatException e) {
            return "not a number";
        }
    }

    private static String date(String value) {
        try {
            LocalDate.parse(value.trim(), DATE);
            return null;
        } catch (DateTimeParseException e) {
            return "not a valid date";
        }
    }

    private static String dateTime(String value) {
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate.parse(text, DATE);
            } else {
                LocalDateTime.parse(text, DATE_TIME);
            }
            return null;
        } catch (DateTimeParseException e) {
            return "not a valid date-time";
        }
    }
}
