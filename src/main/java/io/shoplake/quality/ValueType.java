package io.shoplake.quality;

import static java.util.Objects.requireNonNull;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * A type a text value must parse as, and the word reason messages use for it ("not a valid date: 2017-02-30").
 *
 * @param label the word in reasons, e.g. {@code date}
 * @param type  the Spark type the value is cast to (with {@code try_cast}: a value that does not fit fails)
 */
public record ValueType(String label, DataType type) {

    public static final ValueType DATE = new ValueType("date", DataTypes.DateType);
    /** A date ({@code 2016-04-05}) or date-time ({@code 2016-04-05 14:23:00}, ISO with {@code T}/offset), UTC. */
    public static final ValueType TIMESTAMP = new ValueType("date-time", DataTypes.TimestampType);

    public static final ValueType INTEGER = new ValueType("integer", DataTypes.IntegerType);
    public static final ValueType LONG = new ValueType("integer", DataTypes.LongType);
    public static final ValueType BOOLEAN = new ValueType("boolean", DataTypes.BooleanType);

    public ValueType {
        requireNonNull(label, "label is null");
        requireNonNull(type, "type is null");
    }

    /** A decimal with the given precision and scale (more fractional digits are rounded half-up). */
    public static ValueType decimal(int precision, int scale) {
        return new ValueType("decimal", DataTypes.createDecimalType(precision, scale));
    }

    /** The same type under another word, e.g. a timestamp column users know as a "date". */
    public ValueType labelled(String otherLabel) {
        return new ValueType(otherLabel, type);
    }

    boolean isDateLike() {
        return type.equals(DataTypes.DateType) || type.equals(DataTypes.TimestampType);
    }
}
