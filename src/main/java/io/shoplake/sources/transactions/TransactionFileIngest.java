package io.shoplake.sources.transactions;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lake.Lakehouse;
import io.shoplake.lake.Quarantine;
import io.shoplake.lake.RunLedger;
import io.shoplake.lake.StepCounts;
import io.shoplake.lake.TableId;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Loads a transaction log file into {@code silver.transactions} (customer_id STRING, date DATE, amount
 * DECIMAL(14,2)); rows with a missing customer, an unparsable date or amount, a negative amount or too few columns go
 * to {@code quarantine.silver_transactions} with their line and reason. The file is the whole log: a load replaces
 * the table, so re-running it gives the same table.
 */
public final class TransactionFileIngest {

    public static final TableId TRANSACTIONS = TableId.silver("transactions");

    public static final StructType SCHEMA = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("amount", new DecimalType(14, 2), false);

    private static final StructType PARSED = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("raw_record", DataTypes.StringType, false)
            .add("customer_id", DataTypes.StringType, true)
            .add("date", DataTypes.DateType, true)
            .add("amount", new DecimalType(14, 2), true)
            .add("reason", DataTypes.StringType, true);

    /** Typed rows and rejects of one file; {@code blankLines} were skipped (they hold no record). */
    public record Parsed(Dataset<Row> transactions, Dataset<Row> rejects, long blankLines) {
    }

    /** Counts of one load. */
    public record Report(String runId, String file, long rows, long loaded, long quarantined, long blankLines) {
    }

    private TransactionFileIngest() {
    }

    /** Parses and types {@code file}; the rejects are quarantine-shaped rows. No table is written. */
    public static Parsed parse(SparkSession spark, Path file, TransactionFileFormat format, String runId) {
        requireNonNull(format, "format is null");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("transaction file not found: " + file);
        }
        JavaRDD<String> text = spark.read().textFile(file.toString()).javaRDD();
        int[] positions;
        long firstDataLine;
        if (format.header()) {
            List<String> first = text.take(1);
            if (first.isEmpty()) {
                throw new IllegalArgumentException("transaction file is empty (no header line): " + file);
            }
            positions = resolve(split(first.get(0), format.layout()), format);
            firstDataLine = 1;
        } else {
            positions = new int[] {position(format.customerColumn()), position(format.dateColumn()),
                    position(format.amountColumn())};
            firstDataLine = 0;
        }
        String source = file.getFileName().toString();
        JavaRDD<Row> rows = text.zipWithIndex()
                .filter(pair -> pair._2() >= firstDataLine && !pair._1().isBlank())
                .map(pair -> typed(pair._1(), pair._2() + 1, positions, format));
        Dataset<Row> parsed = spark.createDataFrame(rows, PARSED).cache();
        long blank = text.filter(String::isBlank).count();
        Dataset<Row> good = parsed.filter(col("reason").isNull()).select(col("customer_id"), col("date"), col("amount"));
        Dataset<Row> rejects = Quarantine.records(parsed.filter(col("reason").isNotNull()), lit(source), col("line"),
                col("raw_record"), col("reason"), runId);
        return new Parsed(good, rejects, blank);
    }

    /** Parses {@code file}, replaces silver.transactions and its quarantine, and records the step in ops.runs. */
    public static Report load(Lakehouse lake, Path file, TransactionFileFormat format, String runId) {
        Parsed parsed = parse(lake.spark(), file, format, runId);
        long[] counts = new long[2];
        new RunLedger(lake).step(runId, "ingest", "transactions", Optional.empty(), List.of(),
                List.of(TRANSACTIONS, TRANSACTIONS.quarantine()), () -> {
                    lake.replace(TRANSACTIONS, lake.spark().createDataFrame(parsed.transactions().rdd(), SCHEMA));
                    new Quarantine(lake).replace(TRANSACTIONS, parsed.rejects());
                    counts[0] = lake.read(TRANSACTIONS).count();
                    counts[1] = new Quarantine(lake).of(TRANSACTIONS).count();
                    return new StepCounts(counts[0] + counts[1], counts[0], counts[1]);
                });
        return new Report(runId, file.toString(), counts[0] + counts[1], counts[0], counts[1], parsed.blankLines());
    }

    static Row typed(String raw, long line, int[] positions, TransactionFileFormat format) {
        String[] fields = split(raw, format.layout());
        int needed = Arrays.stream(positions).max().orElse(0) + 1;
        if (fields.length < needed) {
            return reject(raw, line, "expected at least " + needed + " columns, found " + fields.length);
        }
        String customer = fields[positions[0]].strip();
        if (customer.isEmpty()) {
            return reject(raw, line, "missing customer id");
        }
        String dateText = fields[positions[1]].strip();
        LocalDate date;
        try {
            date = LocalDate.parse(dateText, DateTimeFormatter.ofPattern(format.datePattern()));
        } catch (DateTimeParseException e) {
            return reject(raw, line, "unparsable date: '" + dateText + "' (format " + format.datePattern() + ")");
        }
        String amountText = fields[positions[2]].strip();
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText);
        } catch (NumberFormatException e) {
            return reject(raw, line, "unparsable amount: '" + amountText + "'");
        }
        if (amount.signum() < 0) {
            return reject(raw, line, "negative amount: " + amountText);
        }
        if (amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
            return reject(raw, line, "amount does not fit DECIMAL(14,2): " + amountText);
        }
        return RowFactory.create(line, raw, customer, Date.valueOf(date), amount.setScale(2), null);
    }

    private static Row reject(String raw, long line, String reason) {
        return RowFactory.create(line, raw, null, null, null, reason);
    }

    /** Splits a line: whitespace runs, or CSV with double-quoted fields ("" inside quotes is a quote). */
    static String[] split(String line, TransactionFileFormat.Layout layout) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (layout == TransactionFileFormat.Layout.WHITESPACE) {
            String trimmed = text.strip();
            return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private static int[] resolve(String[] header, TransactionFileFormat format) {
        return new int[] {column(header, format.customerColumn()), column(header, format.dateColumn()),
                column(header, format.amountColumn())};
    }

    private static int column(String[] header, String column) {
        if (TransactionFileFormat.isPosition(column)) {
            return position(column);
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("column '" + column + "' is not in the header " + Arrays.toString(
                Arrays.stream(header).map(String::strip).toArray()));
    }

    private static int position(String column) {
        return Integer.parseInt(column) - 1;
    }
}
