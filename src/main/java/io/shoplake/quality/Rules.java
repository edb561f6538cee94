package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The rule kinds expectations are made of. */
public final class Rules {

    /** Dates and date-times must start with a full {@code yyyy-mm-dd}; Spark alone would read "2016" as 2016-01-01. */
    private static final String DATE_PREFIX = "^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T].*)?\\s*$";

    private static final DataType NUMBER = DataTypes.createDecimalType(38, 10);

    private Rules() {}

    /** The column must hold a value. */
    public static Rule notNull(String column) {
        requireNonNull(column, "column is null");
        return columnRule(column + " is not null", col(column).isNull(), lit(column + ": is missing"));
    }

    /** The combination of {@code columns} must not repeat within the batch (rows with a null part are not compared). */
    public static Rule unique(String... columns) {
        List<String> names = List.of(columns);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("unique needs at least one column");
        }
        Column[] cols = names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Column anyNull =
                names.stream().map(n -> col(n).isNull()).reduce(Column::or).orElseThrow();
        Column repeats = count(lit(1)).over(Window.partitionBy(cols)).gt(1).and(not(anyNull));
        Column value = concat_ws(
                ", ", Arrays.stream(cols).map(c -> c.cast(DataTypes.StringType)).toArray(Column[]::new));
        String label = String.join(", ", names);
        return columnRule(label + " is unique", repeats, concat(lit(label + ": not unique in batch: "), value));
    }

    /** The value, read as a number, must lie in {@code [min, max]}; an empty bound is open. */
    public static Rule range(String column, Optional<BigDecimal> min, Optional<BigDecimal> max) {
        requireNonNull(column, "column is null");
        if (min.isEmpty() && max.isEmpty()) {
            throw new IllegalArgumentException("range needs a minimum or a maximum for " + column);
        }
        Column number = col(column).try_cast(NUMBER);
        Column tooLow = min.map(m -> number.lt(lit(m))).orElse(lit(false));
        Column tooHigh = max.map(m -> number.gt(lit(m))).orElse(lit(false));
        Column text = col(column).cast(DataTypes.StringType);
        Column message = when(
                        tooLow,
                        concat(
                                lit(column + ": must be at least "
                                        + min.map(BigDecimal::toPlainString).orElse("") + ", was: "),
                                text))
                .otherwise(concat(
                        lit(column + ": must be at most "
                                + max.map(BigDecimal::toPlainString).orElse("") + ", was: "),
                        text));
        String description =
                column + " in [" + min.map(BigDecimal::toPlainString).orElse("") + ", "
                        + max.map(BigDecimal::toPlainString).orElse("") + "]";
        return columnRule(description, number.isNotNull().and(tooLow.or(tooHigh)), message);
    }

    /** Shorthand: the value must be at least {@code min}. */
    public static Rule atLeast(String column, long min) {
        return range(column, Optional.of(BigDecimal.valueOf(min)), Optional.empty());
    }

    /** The text must match the regular expression (Java syntax, searched anywhere unless anchored). */
    public static Rule pattern(String column, String regex) {
        requireNonNull(column, "column is null");
        requireNonNull(regex, "regex is null");
        java.util.regex.Pattern.compile(regex);
        Column text = col(column).cast(DataTypes.StringType);
        return columnRule(
                column + " matches " + regex,
                text.isNotNull().and(not(text.rlike(regex))),
                concat(lit(column + ": does not match " + regex + ": "), text));
    }

    /** The text must be one of {@code allowed} (exact, case-sensitive). */
    public static Rule allowedValues(String column, Set<String> allowed) {
        requireNonNull(column, "column is null");
        Set<String> sorted = new TreeSet<>(allowed);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("allowed values for " + column + " must not be empty");
        }
        Column text = col(column).cast(DataTypes.StringType);
        return columnRule(
                column + " in " + sorted,
                text.isNotNull().and(not(text.isin(sorted.toArray()))),
                concat(lit(column + ": not one of " + sorted + ": "), text));
    }

    /** The text must parse as {@code type}; "2017-02-30" is not a date, "12 units" not an integer. */
    public static Rule parsesAs(String column, ValueType type) {
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
        Column text = col(column).cast(DataTypes.StringType);
        Column parsed = text.try_cast(type.type());
        Column bad = parsed.isNull();
        if (type.isDateLike()) {
            bad = bad.or(not(text.rlike(DATE_PREFIX)));
        }
        return columnRule(
                column + " parses as " + type.label(),
                text.isNotNull().and(bad),
                concat(lit(column + ": not a valid " + type.label() + ": "), text));
    }

    /**
     * The value must exist as {@code referenceColumn} of {@code reference} (e.g. an order's customer among the
     * customers). The value is read as the reference column's type; values that do not parse are left to
     * {@link #parsesAs}.
     */
    public static Rule referenceExists(
            String column, Dataset<Row> reference, String referenceColumn, String referenceName) {
        return new ReferenceExists(column, reference, referenceColumn, referenceName);
    }

    /** A Spark SQL boolean over the row's columns must hold; a null result passes (as in a SQL CHECK). */
    public static Rule sql(String booleanExpression) {
        requireNonNull(booleanExpression, "booleanExpression is null");
        Column holds = coalesce(expr(booleanExpression), lit(true));
        return columnRule(booleanExpression, not(holds), lit("violates: " + booleanExpression));
    }

    private static Rule columnRule(String description, Column fails, Column message) {
        return new ColumnRule(description, fails, message);
    }

    /** A rule that is one boolean expression over the row. */
    private record ColumnRule(String describe, Column fails, Column message) implements Rule {
        @Override
        public Dataset<Row> mark(Dataset<Row> rows, String violationColumn) {
            return rows.withColumn(violationColumn, when(coalesce(fails, lit(false)), message));
        }
    }

    /** A rule that needs the keys of another Dataset: a left join on distinct keys, so no row is lost or repeated. */
    private record ReferenceExists(String column, Dataset<Row> reference, String referenceColumn, String referenceName)
            implements Rule {

        ReferenceExists {
            requireNonNull(column, "column is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(referenceColumn, "referenceColumn is null");
            requireNonNull(referenceName, "referenceName is null");
        }

        @Override
        public Dataset<Row> mark(Dataset<Row> rows, String violationColumn) {
            String keyColumn = violationColumn + "_key";
            String hitColumn = violationColumn + "_hit";
            DataType keyType = reference.schema().apply(referenceColumn).dataType();
            Dataset<Row> keys = reference
                    .select(col(referenceColumn).as(keyColumn))
                    .where(col(keyColumn).isNotNull())
                    .distinct()
                    .withColumn(hitColumn, lit(true));
            Column candidate = rows.col(column).try_cast(keyType);
            Column text = rows.col(column).cast(DataTypes.StringType);
            return rows.join(keys, candidate.equalTo(keys.col(keyColumn)), "left")
                    .withColumn(
                            violationColumn,
                            when(
                                    candidate.isNotNull().and(col(hitColumn).isNull()),
                                    concat(lit(column + ": no such " + referenceName + ": "), text)))
                    .drop(keyColumn, hitColumn);
        }

        @Override
        public String describe() {
            return column + " exists in " + referenceName;
        }
    }
}
