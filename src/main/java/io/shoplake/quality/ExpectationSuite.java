package io.shoplake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The expectations declared for one table; {@link #check} applies them all to a batch. */
public record ExpectationSuite(String tableName, List<Expectation> expectations) {

    /** The column of rejected rows that holds every reason, joined with {@code "; "}. */
    public static final String REASON = "_dq_reason";
    /** The column of rejected rows that holds every reason as an array. */
    public static final String REASONS = "_dq_reasons";

    private static final String VIOLATION_PREFIX = "_dq_v";

    public ExpectationSuite {
        requireNonNull(tableName, "tableName is null");
        expectations = List.copyOf(expectations);
        Set<String> names = new HashSet<>();
        for (Expectation expectation : expectations) {
            if (!names.add(expectation.name())) {
                throw new IllegalArgumentException(
                        "expectation names must be unique in " + tableName + ", repeated: " + expectation.name());
            }
        }
    }

    /**
     * Applies every expectation to {@code rows}. Counts are computed now (one Spark job); the valid and rejected
     * rows are lazy Datasets. A row failing several QUARANTINE rules is rejected once with all reasons; WARN
     * failures are counted and the row kept; FAIL failures are counted here and raised by
     * {@link QualityResult#requireNoFailures()}, so the caller can record the counts first.
     */
    public QualityResult check(Dataset<Row> rows) {
        Dataset<Row> marked = mark(rows);
        List<Column> counts = new ArrayList<>();
        counts.add(count(lit(1)).as("rows_checked"));
        counts.addAll(failureCounts(lit(true)));
        counts.add(count(when(rejected(), lit(1))).as("rows_rejected"));
        Row totals = marked.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
                .first();

        long checked = totals.getLong(0);
        List<ExpectationResult> results = results(checked, totals, 1);
        long rejectedCount = totals.getLong(expectations.size() + 1);

        Column[] original = java.util.Arrays.stream(rows.columns())
                .map(c -> col("`" + c + "`"))
                .toArray(Column[]::new);
        Dataset<Row> valid =
                marked.where(org.apache.spark.sql.functions.not(rejected())).select(original);
        Dataset<Row> rejects =
                withReasons(marked.where(rejected())).select(append(original, col(REASONS), col(REASON)));
        return new QualityResult(valid, rejects, results, checked - rejectedCount, rejectedCount);
    }

    /**
     * {@code rows} plus one violation column per expectation (its message, null where the row passes): for callers
     * that compute the marks once and count and split the materialised result themselves.
     */
    public Dataset<Row> mark(Dataset<Row> rows) {
        Dataset<Row> marked = rows;
        for (int i = 0; i < expectations.size(); i++) {
            marked = expectations.get(i).rule().mark(marked, violationColumn(i));
        }
        return marked;
    }

    /** The violation columns {@link #mark} adds, in declaration order. */
    public List<String> violationColumns() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            names.add(violationColumn(i));
        }
        return List.copyOf(names);
    }

    /** Over marked rows: whether a QUARANTINE expectation failed. */
    public Column rejected() {
        List<Column> violations = quarantineViolations();
        return violations.isEmpty()
                ? lit(false)
                : coalesce(violations.toArray(Column[]::new)).isNotNull();
    }

    /** Over marked rows: one aggregate per expectation, the rows in {@code scope} that fail it. */
    public List<Column> failureCounts(Column scope) {
        List<Column> counts = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            counts.add(count(when(scope, col(violationColumn(i)))).as(violationColumn(i)));
        }
        return counts;
    }

    /** The results from aggregated failure counts: {@code totals} holds them from position {@code first} on. */
    public List<ExpectationResult> results(long checked, Row totals, int first) {
        List<ExpectationResult> results = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            Expectation expectation = expectations.get(i);
            results.add(new ExpectationResult(
                    tableName, expectation.name(), expectation.action(), checked, totals.getLong(first + i)));
        }
        return results;
    }

    /** Marked rejected rows plus {@link #REASONS} and {@link #REASON}. */
    public Dataset<Row> withReasons(Dataset<Row> markedRejects) {
        List<Column> violations = quarantineViolations();
        Column reasons = violations.isEmpty()
                ? array().cast("array<string>")
                : array_compact(array(violations.toArray(Column[]::new)));
        return markedRejects.withColumn(REASONS, reasons).withColumn(REASON, concat_ws("; ", col(REASONS)));
    }

    private List<Column> quarantineViolations() {
        List<Column> violations = new ArrayList<>();
        for (int i = 0; i < expectations.size(); i++) {
            if (expectations.get(i).action() == Action.QUARANTINE) {
                violations.add(col(violationColumn(i)));
            }
        }
        return violations;
    }

    private static String violationColumn(int index) {
        return VIOLATION_PREFIX + index;
    }

    static Column[] append(Column[] columns, Column... more) {
        Column[] all = java.util.Arrays.copyOf(columns, columns.length + more.length);
        System.arraycopy(more, 0, all, columns.length, more.length);
        return all;
    }
}
