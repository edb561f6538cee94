package io.shoplake.pipelines.orders.mysql;

import static java.util.Objects.requireNonNull;

import io.shoplake.pipelines.orders.OrderFiles;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileParser;
import io.shoplake.sources.files.ParseSpec;
import io.shoplake.sources.files.ParsedRecord;
import io.shoplake.sources.files.RecordParser;
import io.shoplake.sources.files.UnusableFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads an orders CSV folder (customers, employees, products, orders, order_details; split parts
 * {@code <table>-<anything>.csv} too) into a MySQL database: creates the tables when missing with
 * {@code sql/mysql/create_schema_and_tables.sql}, loads parents before children, upserts by primary key in JDBC
 * batches (a re-load updates rows instead of duplicating them), and rejects, with a reason, every record that is
 * unparsable, has a value its column cannot hold, lacks its key, or references a parent row that does not exist.
 * Rejected records are counted per rule, a few kept as examples, and each is passed to a listener.
 */
public final class MysqlOrdersLoader {

    public static final String SCHEMA_SCRIPT = "sql/mysql/create_schema_and_tables.sql";
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    static final int EXAMPLES_PER_RULE = 3;
    static final long PROGRESS_EVERY = 100_000;

    /** Hears about rejected records and progress while a load runs. */
    public interface Listener {
        default void rejected(MysqlLoadResult.Reject reject) {}

        default void progress(String table, long rowsRead) {}

        Listener NONE = new Listener() {};
    }

    private final MysqlTarget target;
    private final int batchSize;
    private final Listener listener;

    public MysqlOrdersLoader(MysqlTarget target, int batchSize, Listener listener) {
        this.target = requireNonNull(target, "target is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was: " + batchSize);
        }
        this.batchSize = batchSize;
        this.listener = requireNonNull(listener, "listener is null");
    }

    public MysqlOrdersLoader(MysqlTarget target) {
        this(target, DEFAULT_BATCH_SIZE, Listener.NONE);
    }

    /** Creates the tables when missing (without loading anything). */
    public void createSchema() {
        try (Connection connection = connect()) {
            createSchema(connection);
        } catch (SQLException e) {
            throw MysqlErrors.translate(target, e);
        }
    }

    /** Loads every orders table found in {@code directory}. */
    public MysqlLoadResult load(Path directory) {
        requireNonNull(directory, "directory is null");
        long began = System.nanoTime();
        if (!Files.isDirectory(directory)) {
            throw new MysqlLoadException("not a folder: " + directory);
        }
        Map<String, List<Path>> filesByTable = new LinkedHashMap<>();
        List<Path> ignored = new ArrayList<>();
        discover(directory, filesByTable, ignored);
        try (Connection connection = connect()) {
            createSchema(connection);
            Map<String, TableShape> shapes = new LinkedHashMap<>();
            for (String table : OrderSources.LOAD_ORDER) {
                TableShape shape = TableShape.read(connection, target.database(), table);
                for (Path file : filesByTable.get(table)) {
                    checkHeader(file, shape);
                }
                shapes.put(table, shape);
            }
            List<MysqlLoadResult.TableLoad> loads = new ArrayList<>();
            KeySets keys = new KeySets(connection);
            for (String table : OrderSources.LOAD_ORDER) {
                loads.add(new TableLoader(connection, shapes.get(table), keys).load(filesByTable.get(table)));
            }
            return new MysqlLoadResult(target.database(), loads, ignored, Duration.ofNanos(System.nanoTime() - began));
        } catch (SQLException e) {
            throw MysqlErrors.translate(target, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(
                target.connectionUrl(), target.user(), target.password().orElse(null));
    }

    private static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.fromClasspath(SCHEMA_SCRIPT).withoutSchemaStatements()) {
                statement.execute(sql);
            }
        }
    }

    /** Files of each table in name order ({@link OrderFiles}); every other file is reported as ignored. */
    static void discover(Path directory, Map<String, List<Path>> filesByTable, List<Path> ignored) {
        List<String> names;
        try (Stream<Path> entries = Files.list(directory)) {
            names = entries.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        OrderFiles.Plan plan = OrderFiles.plan(names);
        plan.filesByTable()
                .forEach((table, files) -> filesByTable.put(
                        table, files.stream().map(directory::resolve).toList()));
        plan.ignored().forEach(name -> ignored.add(directory.resolve(name)));
    }

    private static void checkHeader(Path file, TableShape shape) {
        try (InputStream in = Files.newInputStream(file);
                RecordParser parser = FileParser.open(in, ParseSpec.withHeader(FileFormat.CSV))) {
            List<String> columns = parser.columns();
            if (columns.isEmpty()) {
                return;
            }
            List<String> missing = shape.columns().stream()
                    .map(ColumnRule::name)
                    .filter(c -> !columns.contains(c))
                    .toList();
            if (!missing.isEmpty()) {
                throw new MysqlLoadException(
                        file + ": the header lacks column(s) " + String.join(", ", missing) + "; nothing was loaded");
            }
        } catch (UnusableFileException e) {
            throw new MysqlLoadException(file + ": " + e.getMessage() + "; nothing was loaded");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A table's columns, primary key and foreign keys, from the database's metadata. */
    record TableShape(
            String table, List<ColumnRule> columns, List<String> primaryKey, Map<String, String[]> foreignKeys) {

        static TableShape read(Connection connection, String database, String table) throws SQLException {
            DatabaseMetaData meta = connection.getMetaData();
            List<ColumnRule> columns = new ArrayList<>();
            try (ResultSet rows = meta.getColumns(database, null, table, null)) {
                while (rows.next()) {
                    columns.add(new ColumnRule(
                            rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                            rows.getInt("DATA_TYPE"),
                            rows.getString("TYPE_NAME"),
                            rows.getInt("COLUMN_SIZE"),
                            rows.getInt("DECIMAL_DIGITS"),
                            rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
            Map<Short, String> keyBySequence = new TreeMap<>();
            try (ResultSet rows = meta.getPrimaryKeys(database, null, table)) {
                while (rows.next()) {
                    keyBySequence.put(
                            rows.getShort("KEY_SEQ"),
                            rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            Map<String, String[]> foreignKeys = new LinkedHashMap<>();
            try (ResultSet rows = meta.getImportedKeys(database, null, table)) {
                while (rows.next()) {
                    foreignKeys.put(rows.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT), new String[] {
                        rows.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT),
                        rows.getString("PKCOLUMN_NAME").toLowerCase(Locale.ROOT)
                    });
                }
            }
            if (columns.isEmpty()) {
                throw new MysqlLoadException("table " + database + "." + table + " has no columns (was it created?)");
            }
            return new TableShape(table, columns, List.copyOf(keyBySequence.values()), foreignKeys);
        }

        String upsert() {
            String names = columns.stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "));
            String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
            String updates = columns.stream()
                    .filter(c -> !primaryKey.contains(c.name()))
                    .map(c -> "`" + c.name() + "` = VALUES(`" + c.name() + "`)")
                    .collect(Collectors.joining(", "));
            // VALUES() in ON DUPLICATE KEY UPDATE works on MySQL 8/9 (deprecated there) and MariaDB alike.
            return "INSERT INTO `" + table + "` (" + names + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                    + updates;
        }
    }

    /** Keys present in parent tables, read once from the database and grown as rows are accepted. */
    static final class KeySets {
        private final Connection connection;
        private final Map<String, Set<String>> keys = new HashMap<>();

        KeySets(Connection connection) {
            this.connection = connection;
        }

        boolean contains(String table, String column, String value) throws SQLException {
            return keysOf(table, column).contains(canonical(value));
        }

        void accepted(String table, Map<String, String> rowByColumn) {
            for (Map.Entry<String, Set<String>> entry : keys.entrySet()) {
                String[] parts = entry.getKey().split("\\.");
                if (parts[0].equals(table)) {
                    String value = rowByColumn.get(parts[1]);
                    if (value != null && !value.isEmpty()) {
                        entry.getValue().add(canonical(value));
                    }
                }
            }
        }

        private Set<String> keysOf(String table, String column) throws SQLException {
            Set<String> set = keys.get(table + "." + column);
            if (set == null) {
                set = new HashSet<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT `" + column + "` FROM `" + table + "`")) {
                    while (rows.next()) {
                        set.add(canonical(rows.getString(1)));
                    }
                }
                keys.put(table + "." + column, set);
            }
            return set;
        }

        /** Integer keys compare by value ({@code 007} is 7). */
        static String canonical(String value) {
            String trimmed = value.trim();
            try {
                return Long.toString(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                return trimmed;
            }
        }
    }

    /** Loads one table's files. */
    private final class TableLoader {
        private final Connection connection;
        private final TableShape shape;
        private final KeySets keys;
        private final Map<String, Long> rejectedByRule = new TreeMap<>();
        private final List<MysqlLoadResult.Reject> examples = new ArrayList<>();
        private final List<PendingRow> batch = new ArrayList<>();
        private PreparedStatement upsert;
        private long rowsRead;
        private long rowsLoaded;

        private record PendingRow(Path file, long line, String raw, Map<String, String> values) {}

        TableLoader(Connection connection, TableShape shape, KeySets keys) {
            this.connection = connection;
            this.shape = shape;
            this.keys = keys;
        }

        MysqlLoadResult.TableLoad load(List<Path> files) throws SQLException {
            // Read parent keys before the first row: a table referencing itself (employees.manager_id) must
            // then see its own rows as they are accepted.
            for (String[] parent : shape.foreignKeys().values()) {
                keys.contains(parent[0], parent[1], "");
            }
            // One commit per batch: with autocommit every row would be its own transaction (and disk flush).
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(shape.upsert())) {
                upsert = statement;
                for (Path file : files) {
                    loadFile(file);
                }
                flush();
            } finally {
                connection.setAutoCommit(true);
            }
            long tableRows;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM `" + shape.table() + "`")) {
                rows.next();
                tableRows = rows.getLong(1);
            }
            return new MysqlLoadResult.TableLoad(
                    shape.table(), files, rowsRead, rowsLoaded, tableRows, rejectedByRule, examples);
        }

        private void loadFile(Path file) throws SQLException {
            try (InputStream in = Files.newInputStream(file);
                    RecordParser parser = FileParser.open(in, ParseSpec.withHeader(FileFormat.CSV))) {
                List<String> header = parser.columns();
                while (parser.hasNext()) {
                    ParsedRecord record = parser.next();
                    switch (record.kind()) {
                        case BLANK -> {}
                        case REJECT -> {
                            rowsRead++;
                            reject(file, record.line(), record.reason(), null, record.raw());
                        }
                        case DATA -> {
                            rowsRead++;
                            accept(file, record.line(), header, record.values());
                        }
                    }
                    if (rowsRead % PROGRESS_EVERY == 0 && record.kind() != ParsedRecord.RecordKind.BLANK) {
                        listener.progress(shape.table(), rowsRead);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        private void accept(Path file, long line, List<String> header, List<String> fields) throws SQLException {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < header.size() && i < fields.size(); i++) {
                values.put(header.get(i), fields.get(i));
            }
            String raw = String.join(",", fields);
            for (String key : shape.primaryKey()) {
                String value = values.get(key);
                if (value == null || value.isEmpty()) {
                    reject(file, line, key + ": missing key", null, raw);
                    return;
                }
            }
            for (ColumnRule column : shape.columns()) {
                String value = values.get(column.name());
                String violation = column.violation(value);
                if (violation != null) {
                    reject(file, line, column.name() + ": " + violation, value, raw);
                    return;
                }
            }
            for (Map.Entry<String, String[]> foreignKey : shape.foreignKeys().entrySet()) {
                String value = values.get(foreignKey.getKey());
                String[] parent = foreignKey.getValue();
                if (value != null && !value.isEmpty() && !keys.contains(parent[0], parent[1], value)) {
                    reject(
                            file,
                            line,
                            foreignKey.getKey() + ": no " + parent[0] + " row with " + parent[1],
                            value,
                            raw);
                    return;
                }
            }
            keys.accepted(shape.table(), values);
            batch.add(new PendingRow(file, line, raw, values));
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        private void flush() throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            for (PendingRow row : batch) {
                bind(row);
                upsert.addBatch();
            }
            try {
                upsert.executeBatch();
                connection.commit();
                rowsLoaded += batch.size();
            } catch (SQLException e) {
                upsert.clearBatch();
                MysqlErrors.rethrowIfConnectionLost(target, e);
                connection.rollback();
                // One statement of the batch failed; find which rows, one at a time, to give each its reason.
                for (PendingRow row : batch) {
                    try {
                        bind(row);
                        upsert.executeUpdate();
                        rowsLoaded++;
                    } catch (SQLException rowError) {
                        MysqlErrors.rethrowIfConnectionLost(target, rowError);
                        reject(
                                row.file(),
                                row.line(),
                                "rejected by the database",
                                MysqlErrors.firstLine(rowError),
                                row.raw());
                    }
                }
                connection.commit();
            }
            batch.clear();
        }

        private void bind(PendingRow row) throws SQLException {
            List<ColumnRule> columns = shape.columns();
            for (int i = 0; i < columns.size(); i++) {
                String value = row.values().get(columns.get(i).name());
                if (value == null || value.isEmpty()) {
                    upsert.setNull(i + 1, columns.get(i).jdbcType());
                } else {
                    upsert.setString(i + 1, value.trim());
                }
            }
        }

        private void reject(Path file, long line, String rule, String value, String raw) {
            MysqlLoadResult.Reject reject = new MysqlLoadResult.Reject(shape.table(), file, line, rule, value, raw);
            long count = rejectedByRule.merge(rule, 1L, Long::sum);
            if (count <= EXAMPLES_PER_RULE) {
                examples.add(reject);
            }
            listener.rejected(reject);
        }
    }
}
