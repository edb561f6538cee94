package io.shoplake.pipelines.orders.mysql;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a load of CSV files into MySQL did.
 *
 * @param database the database loaded into
 * @param tables per table, in load order
 * @param ignoredFiles files in the folder that belong to no table
 * @param elapsed wall time
 */
public record MysqlLoadResult(String database, List<TableLoad> tables, List<Path> ignoredFiles, Duration elapsed) {

    public MysqlLoadResult {
        requireNonNull(database, "database is null");
        tables = List.copyOf(tables);
        ignoredFiles = List.copyOf(ignoredFiles);
        requireNonNull(elapsed, "elapsed is null");
    }

    public TableLoad table(String name) {
        return tables.stream()
                .filter(t -> t.table().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no loaded table named: " + name));
    }

    public long rejected() {
        return tables.stream().mapToLong(TableLoad::rejected).sum();
    }

    /**
     * One table's load. Rows read = rows loaded + rows rejected (blank lines are neither).
     *
     * @param table table name
     * @param files the files read, in order
     * @param rowsRead data records read from the files
     * @param rowsLoaded records inserted or updated (a re-delivered key updates its row)
     * @param tableRows rows in the database table after the load
     * @param rejectedByRule rejected records by rule ("quantity: not an integer"), sorted by rule
     * @param examples a few rejected records per rule
     */
    public record TableLoad(
            String table,
            List<Path> files,
            long rowsRead,
            long rowsLoaded,
            long tableRows,
            Map<String, Long> rejectedByRule,
            List<Reject> examples) {

        public TableLoad {
            requireNonNull(table, "table is null");
            files = List.copyOf(files);
            rejectedByRule = Map.copyOf(rejectedByRule);
            examples = List.copyOf(examples);
        }

        public long rejected() {
            return rejectedByRule.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A record that was not loaded.
     *
     * @param table target table
     * @param file source file
     * @param line 1-based line the record starts on
     * @param rule the rule it broke, e.g. {@code quantity: not an integer}
     * @param value the offending value, if one
     * @param raw the record as read (raw text for unparsable lines, else the values joined by commas)
     */
    public record Reject(String table, Path file, long line, String rule, String value, String raw) {

        public Reject {
            requireNonNull(table, "table is null");
            requireNonNull(file, "file is null");
            requireNonNull(rule, "rule is null");
        }

        /** The rule and the bad value: {@code quantity: not an integer: two}. */
        public String reason() {
            return value == null ? rule : rule + ": " + value;
        }
    }
}
