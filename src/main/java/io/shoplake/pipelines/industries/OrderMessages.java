package io.shoplake.pipelines.industries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Parses raw order messages (one JSON object each) into typed orders, or the reason they cannot be used: unparsable
 * JSON, a missing order_id, customer_id or timestamp, an unparsable timestamp, a line without a product or with a
 * negative or non-numeric volume or price, a missing amount, or an amount that differs from the sum of volume x
 * price by more than {@value #TOLERANCE}. A timestamp without an offset is UTC; one with an offset is honoured.
 */
public final class OrderMessages {

    /** The largest difference between {@code amount} and the lines' total that is still rounding. */
    public static final String TOLERANCE = "0.01";

    /** Volumes, prices and amounts are kept to 4 decimals (money with room for fractional volumes). */
    public static final DataType MONEY = DataTypes.createDecimalType(18, 4);
    /** volume x price and its sums: exact. */
    public static final DataType PRODUCT = DataTypes.createDecimalType(28, 8);

    static final StructType LINE = new StructType()
            .add("line_no", DataTypes.IntegerType, false)
            .add("product_id", DataTypes.StringType, false)
            .add("volume", MONEY, false)
            .add("price", MONEY, false)
            .add("line_amount", PRODUCT, false);

    /** Input columns the parse needs. */
    public static final List<String> INPUT = List.of("value", "_source", "_line", "_produced_at");

    /** The typed fields a parse adds in front of its input's columns (null when the message is rejected). */
    public static final StructType PARSED = new StructType()
            .add("order_id", DataTypes.StringType, true)
            .add("customer_id", DataTypes.StringType, true)
            .add("ordered_at", DataTypes.TimestampType, true)
            .add("amount", MONEY, true)
            .add("lines_amount", PRODUCT, true)
            .add("order_lines", DataTypes.createArrayType(LINE, false), true)
            .add("line_count", DataTypes.IntegerType, true)
            .add("reason", DataTypes.StringType, true);

    private static final int LINE_COUNT = PARSED.fieldIndex("line_count");
    private static final int REASON = PARSED.fieldIndex("reason");
    private static final BigDecimal LIMIT = new BigDecimal("100000000000000"); // 10^14: decimal(18,4)
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter()
            // The default (SMART) would read 2023-02-30 as 2023-02-28: an impossible date is unparsable.
            .withResolverStyle(ResolverStyle.STRICT);

    private OrderMessages() {}

    /**
     * Parses every row of {@code raw} (which has at least the columns {@link #INPUT}): one output row per input row,
     * the fields of {@link #PARSED} followed by the input's own columns, unchanged.
     */
    public static Dataset<Row> parse(Dataset<Row> raw) {
        List<String> columns = List.of(raw.columns());
        for (String column : INPUT) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("order messages need a column " + column + ", have " + columns);
            }
        }
        StructType shape = PARSED;
        for (var field : raw.schema().fields()) {
            shape = shape.add(field);
        }
        return raw.mapPartitions(new Parse(raw.schema().fieldIndex("value")), Encoders.row(shape));
    }

    /** The instant of an order timestamp: with an offset as given, without one as UTC; empty when unparsable. */
    public static Optional<Instant> instant(String text) {
        try {
            TemporalAccessor parsed = TIMESTAMP.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime offset
                    ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(instant.truncatedTo(ChronoUnit.MICROS));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses one message into a row of {@link #PARSED} (input columns filled by the caller). */
    static Object[] parseOne(ObjectMapper json, String value) {
        Object[] out = new Object[PARSED.size()];
        JsonNode node;
        try {
            node = value == null ? null : json.readTree(value);
        } catch (JsonProcessingException e) {
            out[REASON] = "unparsable JSON: " + firstLine(e.getOriginalMessage());
            return out;
        }
        if (node == null || !node.isObject()) {
            out[REASON] = "unparsable JSON: not an object";
            return out;
        }
        String orderId = text(node.get("order_id"));
        String customerId = text(node.get("customer_id"));
        String timestamp = text(node.get("timestamp"));
        out[0] = orderId;
        out[1] = customerId;
        if (orderId == null) {
            return reject(out, "missing order_id");
        }
        if (customerId == null) {
            return reject(out, "missing customer_id");
        }
        if (timestamp == null) {
            return reject(out, "missing timestamp");
        }
        Optional<Instant> at = instant(timestamp);
        if (at.isEmpty()) {
            return reject(out, "unparsable timestamp: " + timestamp);
        }
        JsonNode lines = node.get("order_lines");
        if (lines == null || lines.isNull()) {
            return reject(out, "missing order_lines");
        }
        if (!lines.isArray()) {
            return reject(out, "order_lines is not a list");
        }
        List<Row> parsedLines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int lineNo = 0;
        for (JsonNode line : lines) {
            lineNo++;
            if (!line.isObject()) {
                return reject(out, "order line " + lineNo + " is not an object");
            }
            String product = text(line.get("product_id"));
            if (product == null) {
                return reject(out, "order line " + lineNo + ": missing product_id");
            }
            Object volume = number(line.get("volume"), "volume on order line " + lineNo);
            if (volume instanceof String reason) {
                return reject(out, reason);
            }
            Object price = number(line.get("price"), "price on order line " + lineNo);
            if (price instanceof String reason) {
                return reject(out, reason);
            }
            BigDecimal v = (BigDecimal) volume;
            BigDecimal p = (BigDecimal) price;
            if (v.signum() < 0) {
                return reject(out, "negative volume on order line " + lineNo + ": " + v.toPlainString());
            }
            if (p.signum() < 0) {
                return reject(out, "negative price on order line " + lineNo + ": " + p.toPlainString());
            }
            BigDecimal lineAmount = v.multiply(p).setScale(8, RoundingMode.HALF_UP);
            total = total.add(lineAmount);
            parsedLines.add(RowFactory.create(lineNo, product, v, p, lineAmount));
        }
        Object amount = number(node.get("amount"), "amount");
        if (amount instanceof String reason) {
            return reject(out, reason);
        }
        BigDecimal a = (BigDecimal) amount; // node.get("amount") is a number or numeric text here
        if (a.subtract(total).abs().compareTo(new BigDecimal(TOLERANCE)) > 0) {
            return reject(
                    out,
                    "amount " + asWritten(node.get("amount")) + " differs from the lines' total "
                            + total.stripTrailingZeros().toPlainString() + " by more than " + TOLERANCE);
        }
        if (total.abs().compareTo(LIMIT) >= 0) {
            return reject(out, "lines' total out of range: " + total.toPlainString());
        }
        out[2] = Timestamp.from(at.get());
        out[3] = a;
        out[4] = total;
        out[5] = scala.jdk.javaapi.CollectionConverters.asScala(parsedLines).toList(); // Spark rows hold Scala seqs
        // Apart from the lines, so that the orders are written without decoding the lines again.
        out[LINE_COUNT] = parsedLines.size();
        return out;
    }

    /** A number as the message wrote it (70.00 stays 70.00), whether a JSON number or numeric text. */
    private static String asWritten(JsonNode node) {
        return node.isNumber()
                ? node.decimalValue().toPlainString()
                : node.asText().trim();
    }

    private static Object[] reject(Object[] out, String reason) {
        Object[] rejected = new Object[PARSED.size()];
        rejected[0] = out[0];
        rejected[1] = out[1];
        rejected[REASON] = reason;
        return rejected;
    }

    /** A trimmed text value; null when absent, JSON null or blank. Numbers are taken as written. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** A number (JSON number or numeric text) to 4 decimals, or the reason it is not one (a String). */
    private static Object number(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return "missing " + what;
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return what + " is not a number: " + node.asText();
            }
        } else {
            return what + " is not a number: " + node;
        }
        if (value.abs().compareTo(LIMIT) >= 0) {
            return what + " out of range: " + value.toPlainString();
        }
        return value.setScale(4, RoundingMode.HALF_UP);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The per-partition parse (one JSON reader per partition). */
    private static final class Parse implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int value;

        Parse(int value) {
            this.value = value;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            ObjectMapper json = new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    // Jackson's tree strips trailing zeros from decimals by default (70.00 -> 70); a quarantine
                    // reason quotes the amount as the message wrote it.
                    .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public Row next() {
                    Row row = input.next();
                    Object[] parsed = parseOne(json, row.isNullAt(value) ? null : row.getString(value));
                    Object[] out = Arrays.copyOf(parsed, parsed.length + row.length());
                    for (int i = 0; i < row.length(); i++) {
                        out[parsed.length + i] = row.get(i);
                    }
                    return RowFactory.create(out);
                }
            };
        }
    }
}
