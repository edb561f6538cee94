package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * A table-level expectation: the latest date in {@code column} is at most {@code maxAgeDays} before the as-of date.
 * An empty table is stale. Dates after the as-of date are not evidence of freshness (a future date is a defect, and
 * would hide a feed that stopped): they are left out of the latest date and counted in the detail. It fails the whole
 * table (rows failed = rows checked) or nothing; actions WARN or FAIL.
 */
public record Freshness(String name, String column, int maxAgeDays, Action action) {

    public Freshness {
        requireNonNull(name, "name is null");
        requireNonNull(column, "column is null");
        requireNonNull(action, "action is null");
        if (maxAgeDays < 0) {
            throw new IllegalArgumentException("max age must be at least 0 days, was: " + maxAgeDays);
        }
        if (action == Action.QUARANTINE) {
            throw new IllegalArgumentException("a table-level expectation cannot quarantine rows: " + name);
        }
    }

    public ExpectationResult check(String tableName, Dataset<Row> rows, LocalDate asOf) {
        org.apache.spark.sql.Column date = col(column).cast(DataTypes.DateType);
        org.apache.spark.sql.Column future = date.gt(lit(java.sql.Date.valueOf(asOf)));
        Row totals = rows.agg(
                        count(lit(1)),
                        max(org.apache.spark.sql.functions.when(
                                future.isNull().or(org.apache.spark.sql.functions.not(future)), date)),
                        count(org.apache.spark.sql.functions.when(future, lit(1))))
                .first();
        long checked = totals.getLong(0);
        long afterAsOf = totals.getLong(2);
        String ignored = afterAsOf == 0 ? "" : " (" + afterAsOf + " rows dated after as-of not counted)";
        if (totals.isNullAt(1)) {
            return new ExpectationResult(
                    tableName,
                    name,
                    action,
                    checked,
                    checked,
                    Optional.of("no " + column + " at all, as of " + asOf + ignored));
        }
        LocalDate latest = totals.getDate(1).toLocalDate();
        long age = ChronoUnit.DAYS.between(latest, asOf);
        boolean stale = age > maxAgeDays;
        return new ExpectationResult(
                tableName,
                name,
                action,
                checked,
                stale ? checked : 0,
                Optional.of("latest " + column + " " + latest + " is " + age + " days before as-of " + asOf
                        + " (at most " + maxAgeDays + " allowed)" + ignored));
    }
}
