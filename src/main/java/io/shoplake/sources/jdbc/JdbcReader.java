package io.shoplake.sources.jdbc;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads source tables over JDBC with Spark: every column as text (the driver's own string form of each value, so
 * bronze holds what the database holds), large tables split into key ranges read in parallel.
 */
final class JdbcReader {

    /** Key-range width per Spark partition; a table whose key spans less is read in one query. */
    static final long KEYS_PER_PARTITION = 250_000;

    static final int MAX_PARTITIONS = 16;

    private final SparkSession spark;
    private final JdbcSource source;

    JdbcReader(SparkSession spark, JdbcSource source) {
        this.spark = requireNonNull(spark, "spark is null");
        this.source = requireNonNull(source, "source is null");
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(source.url(), source.connectionProperties());
        } catch (SQLException e) {
            throw JdbcErrors.explain(e, source, Optional.empty());
        }
    }

    /** The table's columns and, when asked for and present, its key column and kind. Fails when the table is missing. */
    SourceTable describe(Connection connection, JdbcTableLoad load) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + load.sourceTable() + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> integral = new ArrayList<>();
            Optional<String> keyColumn = Optional.empty();
            Optional<SourceTable.KeyKind> keyKind = Optional.empty();
            int keyScale = 0;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnLabel(i);
                columns.add(column);
                if (kind(meta.getColumnType(i)) == SourceTable.KeyKind.INTEGRAL) {
                    integral.add(column);
                }
                if (load.incrementalKey()
                        .map(key -> key.equalsIgnoreCase(column))
                        .orElse(false)) {
                    keyColumn = Optional.of(column);
                    keyKind = Optional.of(kind(meta.getColumnType(i)));
                    keyScale = Math.max(0, meta.getScale(i));
                }
            }
            Optional<String> rangeColumn = keyKind.orElse(SourceTable.KeyKind.TEXT) == SourceTable.KeyKind.INTEGRAL
                    ? keyColumn
                    : primaryKey(connection, load.sourceTable()).filter(integral::contains);
            return new SourceTable(load.sourceTable(), columns, keyColumn, keyKind, keyScale, rangeColumn);
        } catch (SQLException e) {
            throw JdbcErrors.explain(e, source, Optional.of(load.sourceTable()));
        }
    }

    /** The table's primary key when it is a single column; empty otherwise or when the driver cannot tell. */
    private static Optional<String> primaryKey(Connection connection, String table) {
        String schema = table.contains(".") ? table.substring(0, table.indexOf('.')) : null;
        String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        List<String> keys = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getPrimaryKeys(connection.getCatalog(), schema, name)) {
            while (rows.next()) {
                keys.add(rows.getString("COLUMN_NAME"));
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
    }

    private static SourceTable.KeyKind kind(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> SourceTable.KeyKind.INTEGRAL;
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> SourceTable.KeyKind.DECIMAL;
            default -> SourceTable.KeyKind.TEXT;
        };
    }

    /**
     * The rows of {@code table} whose key is above {@code keyAbove} (all rows when empty), every column a string
     * named as in the source. An integer key (or primary key) spanning many values is read as parallel key ranges.
     */
    Dataset<Row> read(Connection connection, SourceTable table, Optional<String> keyAbove) {
        Optional<String> filter = keyAbove.map(value -> table.keyColumn().orElseThrow() + " > "
                + literal(value, table.keyKind().orElseThrow()));
        Properties options = source.connectionProperties();
        options.setProperty(
                "customSchema",
                table.columns().stream()
                        .map(column -> "`" + column.replace("`", "``") + "` STRING")
                        .collect(Collectors.joining(", ")));
        options.setProperty("fetchsize", "10000");
        String query = "(SELECT * FROM " + table.name()
                + filter.map(f -> " WHERE " + f).orElse("") + ") src";
        List<String> ranges = keyRanges(connection, table, filter);
        return ranges.isEmpty()
                ? spark.read().jdbc(source.url(), query, options)
                : spark.read().jdbc(source.url(), query, ranges.toArray(String[]::new), options);
    }

    /** Predicates splitting the range column into key ranges; empty when one query suffices. Null keys go to the first. */
    private List<String> keyRanges(Connection connection, SourceTable table, Optional<String> filter) {
        if (table.rangeColumn().isEmpty()) {
            return List.of();
        }
        String key = table.rangeColumn().get();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table.name()
                        + filter.map(f -> " WHERE " + f).orElse(""))) {
            rows.next();
            long min = rows.getLong(1);
            if (rows.wasNull()) {
                return List.of();
            }
            long max = rows.getLong(2);
            long span = max - min + 1;
            int partitions = (int) Math.min(MAX_PARTITIONS, (span + KEYS_PER_PARTITION - 1) / KEYS_PER_PARTITION);
            if (partitions <= 1) {
                return List.of();
            }
            long width = (span + partitions - 1) / partitions;
            List<String> predicates = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                long from = min + i * width;
                String range = key + " >= " + from + " AND " + key + " < " + (from + width);
                predicates.add(i == 0 ? "(" + range + ") OR " + key + " IS NULL" : range);
            }
            return predicates;
        } catch (SQLException e) {
            throw JdbcErrors.explain(e, source, Optional.of(table.name()));
        }
    }

    /** A SQL literal for a key value taken from bronze: numbers checked as numbers, text quoted and escaped. */
    String literal(String value, SourceTable.KeyKind kind) {
        return switch (kind) {
            case INTEGRAL -> String.valueOf(Long.parseLong(value.trim()));
            case DECIMAL -> new BigDecimal(value.trim()).toPlainString();
            case TEXT -> {
                String escaped = value.replace("'", "''");
                if (source.engine() == JdbcSource.Engine.MYSQL) {
                    escaped = escaped.replace("\\", "\\\\");
                }
                yield "'" + escaped + "'";
            }
        };
    }

    /** Bronze column names: the source names, lower-cased and trimmed, as the file ingest writes them. */
    static String bronzeColumn(String sourceColumn) {
        return sourceColumn.trim().toLowerCase(Locale.ROOT);
    }
}
