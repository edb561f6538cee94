package io.shoplake.publishers.jdbc;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Publishes a table to PostgreSQL or MySQL/MariaDB: creates the target from the Spark schema when missing (primary
 * key = the given keys), refuses a target whose columns do not match, and upserts by key in batches, one transaction
 * per batch, so a re-run leaves the same rows. Each Spark partition writes over its own connection.
 */
public final class JdbcPublisher {

    /** Where to publish. {@code table} is {@code schema.table} or {@code table}; the password may be absent. */
    public record Target(
            String url,
            Optional<String> user,
            Optional<String> password,
            String table,
            List<String> keys,
            int batchSize) {
        public Target {
            requireNonNull(url, "url is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
            requireNonNull(table, "table is null");
            keys = List.copyOf(requireNonNull(keys, "keys is null"));
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("at least one key column is needed to upsert");
            }
            if (!table.matches("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("target table must be schema.table or table, was: " + table);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was: " + batchSize);
            }
            SqlDialect.of(url);
        }

        /** The URL without its query string, for messages (a query may hold a password). */
        public String safeUrl() {
            int question = url.indexOf('?');
            return question < 0 ? url : url.substring(0, question);
        }

        @Override
        public String toString() {
            return safeUrl() + " " + table;
        }
    }

    /** What was published. */
    public record Result(String target, long rows, boolean created, long batches) {}

    private JdbcPublisher() {}

    public static Result publish(Dataset<Row> rows, Target target) {
        SqlDialect dialect = SqlDialect.of(target.url());
        StructType schema = rows.schema();
        List<String> columns = List.of(schema.fieldNames());
        for (String key : target.keys()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException(
                        "key column " + key + " is not in the table (columns: " + columns + ")");
            }
        }
        String[] parts = target.table().split("\\.");
        Optional<String> schemaName = parts.length == 2 ? Optional.of(parts[0]) : Optional.empty();
        String tableName = parts[parts.length - 1];
        if (dialect == SqlDialect.POSTGRES) {
            // Unquoted names fold to lower case in PostgreSQL; the target is created and found in lower case.
            schemaName = schemaName.map(s -> s.toLowerCase(Locale.ROOT));
            tableName = tableName.toLowerCase(Locale.ROOT);
        }
        String qualified = schemaName.map(s -> dialect.quote(s) + ".").orElse("") + dialect.quote(tableName);
        boolean created;
        try (Connection connection = connect(target)) {
            Map<String, Integer> existing = existingColumns(connection, dialect, schemaName, tableName);
            if (existing.isEmpty()) {
                create(connection, dialect, schemaName, qualified, schema, target.keys());
                created = true;
            } else {
                checkMatches(existing, schema, target);
                created = false;
            }
        } catch (SQLException e) {
            throw new JdbcPublishException("cannot prepare " + target + ": " + e.getMessage(), e);
        }
        Column[] values = schema.fields().length == 0
                ? new Column[0]
                : java.util.Arrays.stream(schema.fields())
                        .map(field -> SqlDialect.isComplex(field.dataType())
                                ? functions.to_json(functions.col(field.name())).as(field.name())
                                : functions.col(field.name()))
                        .toArray(Column[]::new);
        Dataset<Row> shaped = rows.select(values);
        LongAccumulator written = rows.sparkSession().sparkContext().longAccumulator("published rows");
        LongAccumulator batches = rows.sparkSession().sparkContext().longAccumulator("published batches");
        String sql = dialect.upsert(qualified, columns, target.keys());
        try {
            shaped.foreachPartition(new PartitionWriter(target, sql, target.batchSize(), written, batches));
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new JdbcPublishException(
                    "publishing to " + target + " failed (batches already committed stay; a re-run upserts the same "
                            + "rows): " + root.getMessage(),
                    e);
        }
        return new Result(target.toString(), written.value(), created, batches.value());
    }

    private static Connection connect(Target target) throws SQLException {
        return connect(
                target.url(), target.user().orElse(null), target.password().orElse(null));
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** Column name (lower case) to JDBC type of the target; empty when the table does not exist. */
    private static Map<String, Integer> existingColumns(
            Connection connection, SqlDialect dialect, Optional<String> schema, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = dialect == SqlDialect.MYSQL ? schema.orElse(connection.getCatalog()) : null;
        String schemaPattern = dialect == SqlDialect.POSTGRES ? schema.orElse("public") : null;
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schemaPattern, table, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("DATA_TYPE"));
            }
        }
        return columns;
    }

    private static void create(
            Connection connection,
            SqlDialect dialect,
            Optional<String> schema,
            String qualified,
            StructType type,
            List<String> keys)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (schema.isPresent()) {
                statement.execute((dialect == SqlDialect.POSTGRES
                                ? "CREATE SCHEMA IF NOT EXISTS "
                                : "CREATE DATABASE IF NOT EXISTS ")
                        + dialect.quote(schema.get()));
            }
            List<String> definitions = new ArrayList<>();
            for (StructField field : type.fields()) {
                boolean key = keys.contains(field.name());
                definitions.add(dialect.quote(field.name()) + " " + dialect.columnType(field.dataType(), key)
                        + (key ? " NOT NULL" : ""));
            }
            definitions.add(
                    "PRIMARY KEY (" + keys.stream().map(dialect::quote).collect(Collectors.joining(", ")) + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (" + String.join(", ", definitions) + ")");
        }
    }

    private static void checkMatches(Map<String, Integer> existing, StructType schema, Target target) {
        List<String> problems = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Integer jdbcType = existing.get(field.name().toLowerCase(Locale.ROOT));
            if (jdbcType == null) {
                problems.add("column " + field.name() + " is missing");
            } else {
                Set<Integer> compatible = SqlDialect.compatibleJdbcTypes(field.dataType());
                if (!compatible.contains(jdbcType)) {
                    problems.add("column " + field.name() + " has JDBC type " + java.sql.JDBCType.valueOf(jdbcType)
                            + " where " + field.dataType().simpleString() + " needs one of "
                            + compatible.stream()
                                    .map(t -> java.sql.JDBCType.valueOf(t).getName())
                                    .sorted()
                                    .toList());
                }
            }
        }
        List<String> names = java.util.Arrays.stream(schema.fieldNames())
                .map(n -> n.toLowerCase(Locale.ROOT))
                .toList();
        for (String column : existing.keySet()) {
            if (!names.contains(column)) {
                problems.add("column " + column + " is not in the lake table");
            }
        }
        if (!problems.isEmpty()) {
            throw new JdbcPublishException("schema mismatch: " + target + " does not match the lake table: "
                    + String.join("; ", problems) + " (drop the target table or publish --to another one)");
        }
    }

    /** Upserts one partition in batches, committing each batch. */
    private static final class PartitionWriter implements ForeachPartitionFunction<Row>, Serializable {

        // Plain strings: the writer is serialized to the executors (Optional is not serializable).
        private final String url;
        private final String user;
        private final String password;
        private final String sql;
        private final int batchSize;
        private final LongAccumulator written;
        private final LongAccumulator batches;

        PartitionWriter(Target target, String sql, int batchSize, LongAccumulator written, LongAccumulator batches) {
            this.url = target.url();
            this.user = target.user().orElse(null);
            this.password = target.password().orElse(null);
            this.sql = sql;
            this.batchSize = batchSize;
            this.written = written;
            this.batches = batches;
        }

        @Override
        public void call(Iterator<Row> rows) throws SQLException {
            if (!rows.hasNext()) {
                return;
            }
            try (Connection connection = connect(url, user, password);
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                connection.setAutoCommit(false);
                int pending = 0;
                while (rows.hasNext()) {
                    Row row = rows.next();
                    for (int i = 0; i < row.length(); i++) {
                        statement.setObject(i + 1, row.get(i));
                    }
                    statement.addBatch();
                    pending++;
                    if (pending == batchSize) {
                        commit(connection, statement, pending);
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    commit(connection, statement, pending);
                }
            }
        }

        private void commit(Connection connection, PreparedStatement statement, int pending) throws SQLException {
            try {
                statement.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                SQLException next = e.getNextException();
                throw next == null ? e : new SQLException(e.getMessage() + " / " + next.getMessage(), next);
            }
            written.add(pending);
            batches.add(1);
        }
    }
}
