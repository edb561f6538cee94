package io.shoplake.sources.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.services.Ports;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDBC ingest from real embedded MariaDB and PostgreSQL servers into a real lake. */
class JdbcIngestTest {

    private static final TableId ORDERS = TableId.bronze("orders");
    private static final TableId CUSTOMERS = TableId.bronze("customers");

    @TempDir
    Path dir;

    private static JdbcSource mysql(String url) {
        return new JdbcSource(url, Optional.of("root"), Optional.empty());
    }

    /** Rows as "col=value|..." strings sorted, for exact comparison. */
    private static List<String> rows(Lakehouse lake, TableId table, String... columns) {
        return lake.read(table).selectExpr(columns).collectAsList().stream()
                .map(row -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < row.length(); i++) {
                        text.append(i == 0 ? "" : "|")
                                .append(row.isNullAt(i) ? "null" : row.get(i).toString());
                    }
                    return text.toString();
                })
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void mysqlFullAndIncrementalLoads() {
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(
                url,
                "root",
                "CREATE TABLE orders (id INT PRIMARY KEY, Customer_Id INT, amount DECIMAL(8,2), ordered_at DATETIME, note VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 7, 12.50, '2024-01-02 10:30:00', NULL), (2, 8, 3.00, '2024-01-03 00:00:00', 'gift'),"
                        + " (10, 7, 99.99, '2024-01-05 23:59:59', 'it''s')",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO customers VALUES (7, 'Ada'), (8, 'Bob')");
        Lakehouse lake = TestSpark.freshLake(dir);
        JdbcIngest ingest = new JdbcIngest(lake);
        List<JdbcTableLoad> loads =
                List.of(JdbcTableLoad.incremental("orders", ORDERS, "id"), JdbcTableLoad.full("customers", CUSTOMERS));

        List<JdbcLoadResult> first = ingest.ingest(mysql(url), loads, "run-1", "test");

        assertThat(first)
                .extracting(
                        JdbcLoadResult::sourceTable,
                        JdbcLoadResult::mode,
                        JdbcLoadResult::rows,
                        JdbcLoadResult::keyAbove)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders", "incremental", 3L, Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("customers", "full", 2L, Optional.empty()));
        assertThat(lake.read(ORDERS).columns())
                .containsExactly(
                        "id",
                        "customer_id",
                        "amount",
                        "ordered_at",
                        "note",
                        "_source",
                        "_line",
                        "_run_id",
                        "_ingested_at");
        assertThat(lake.read(ORDERS).schema().fields()).allSatisfy(field -> {
            if (!field.name().equals("_line") && !field.name().equals("_ingested_at")) {
                assertThat(field.dataType().typeName()).isEqualTo("string");
            }
        });
        assertThat(rows(
                        lake,
                        ORDERS,
                        "id",
                        "customer_id",
                        "amount",
                        "ordered_at",
                        "note",
                        "_source",
                        "_line",
                        "_run_id"))
                .containsExactlyInAnyOrder(
                        "1|7|12.50|2024-01-02 10:30:00|null|" + url + "#orders|null|run-1",
                        "10|7|99.99|2024-01-05 23:59:59|it's|" + url + "#orders|null|run-1",
                        "2|8|3.00|2024-01-03 00:00:00|gift|" + url + "#orders|null|run-1");

        // New rows: 11 and 12 are above the highest key loaded (10, compared as a number, not as text "2").
        // 3 is below it and so not loaded by an incremental load; a changed row 1 is not re-read either.
        TestServices.execute(
                url,
                "root",
                "INSERT INTO orders VALUES (3, 8, 1.00, '2024-01-06 08:00:00', NULL), (11, 8, 5.25, '2024-01-07 09:00:00', NULL),"
                        + " (12, 7, 7.00, '2024-01-07 10:00:00', 'x')",
                "UPDATE orders SET note = 'changed' WHERE id = 1",
                "UPDATE customers SET name = 'Ada L.' WHERE id = 7",
                "INSERT INTO customers VALUES (9, 'Cy')");

        List<JdbcLoadResult> second = ingest.ingest(mysql(url), loads, "run-2", "test");

        assertThat(second.get(0).rows()).isEqualTo(2);
        assertThat(second.get(0).keyAbove()).contains("10");
        assertThat(rows(lake, ORDERS, "id", "note", "_run_id"))
                .containsExactlyInAnyOrder(
                        "1|null|run-1", "10|it's|run-1", "11|null|run-2", "12|x|run-2", "2|gift|run-1");
        // A full load replaces its own earlier rows: the table equals the source, not a history of loads.
        assertThat(rows(lake, CUSTOMERS, "id", "name", "_run_id"))
                .containsExactly("7|Ada L.|run-2", "8|Bob|run-2", "9|Cy|run-2");

        // Re-running with unchanged source data changes nothing.
        ingest.ingest(mysql(url), loads, "run-3", "test");
        assertThat(lake.read(ORDERS).count()).isEqualTo(5);
        assertThat(rows(lake, CUSTOMERS, "id", "name")).containsExactly("7|Ada L.", "8|Bob", "9|Cy");

        List<Row> steps = new RunLedger(lake)
                .history()
                .where("run_id = 'run-2'")
                .orderBy("step")
                .collectAsList();
        assertThat(steps)
                .extracting(r -> r.getAs("step") + " " + r.getAs("status") + " " + r.getAs("rows_out"))
                .containsExactly(
                        "jdbc customers -> bronze.customers SUCCEEDED 3", "jdbc orders -> bronze.orders SUCCEEDED 2");
    }

    @Test
    void fullLoadKeepsRowsOfOtherSourcesInTheSameTable() {
        String first = TestServices.freshMySqlDatabase();
        String second = TestServices.freshMySqlDatabase();
        for (String url : List.of(first, second)) {
            TestServices.execute(
                    url,
                    "root",
                    "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))",
                    "INSERT INTO customers VALUES (1, '" + url.substring(url.lastIndexOf('/') + 1) + "')");
        }
        Lakehouse lake = TestSpark.freshLake(dir);
        JdbcIngest ingest = new JdbcIngest(lake);
        List<JdbcTableLoad> loads = List.of(JdbcTableLoad.full("customers", CUSTOMERS));
        ingest.ingest(mysql(first), loads, "a", "test");
        ingest.ingest(mysql(second), loads, "b", "test");
        ingest.ingest(mysql(first), loads, "c", "test");

        assertThat(rows(lake, CUSTOMERS, "_source", "_run_id"))
                .containsExactlyInAnyOrder(first + "#customers|c", second + "#customers|b");
    }

    @Test
    void loadsIntoABronzeTableTheFileIngestCreated() throws Exception {
        Path csv = java.nio.file.Files.writeString(dir.resolve("customers.csv"), "id,name\n1,From File\n");
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        new io.shoplake.sources.files.FileIngest(lake)
                .ingest(io.shoplake.sources.files.FileIngestRequest.of(
                        csv, CUSTOMERS, io.shoplake.sources.files.FileFormat.CSV, "files", "test"));
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(
                url,
                "root",
                "CREATE TABLE customers (id INT, name VARCHAR(20), city VARCHAR(20))",
                "INSERT INTO customers VALUES (2, 'From DB', 'Oslo')");

        new JdbcIngest(lake).ingest(mysql(url), List.of(JdbcTableLoad.full("customers", CUSTOMERS)), "db", "test");

        // The database's extra column is added; the file's row keeps its line number, the database's has none.
        assertThat(rows(lake, CUSTOMERS, "id", "name", "city", "_line", "_run_id"))
                .containsExactlyInAnyOrder("1|From File|null|2|files", "2|From DB|Oslo|null|db");
    }

    @Test
    void postgresFullAndIncrementalLoads() {
        String url = TestServices.freshPostgresDatabase();
        TestServices.execute(
                url,
                "postgres",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, amount NUMERIC(8,2), ordered_at TIMESTAMP, shipped BOOLEAN)",
                "INSERT INTO orders VALUES (5, 10.10, '2024-02-01 12:00:00', true), (20, 0.50, '2024-02-02 13:14:15', false)");
        Lakehouse lake = TestSpark.freshLake(dir);
        JdbcIngest ingest = new JdbcIngest(lake);
        JdbcSource source = new JdbcSource(url, Optional.of("postgres"), Optional.empty());
        List<JdbcTableLoad> loads = List.of(JdbcTableLoad.incremental("orders", ORDERS, "id"));

        ingest.ingest(source, loads, "run-1", "test");
        TestServices.execute(url, "postgres", "INSERT INTO orders VALUES (21, 3.00, '2024-02-03 00:00:00', NULL)");
        List<JdbcLoadResult> second = ingest.ingest(source, loads, "run-2", "test");

        assertThat(second.get(0).rows()).isEqualTo(1);
        assertThat(second.get(0).keyAbove()).contains("20");
        assertThat(rows(lake, ORDERS, "id", "amount", "ordered_at", "shipped", "_source", "_run_id"))
                .containsExactlyInAnyOrder(
                        "20|0.50|2024-02-02 13:14:15|f|" + url + "#orders|run-1",
                        "21|3.00|2024-02-03 00:00:00|null|" + url + "#orders|run-2",
                        "5|10.10|2024-02-01 12:00:00|t|" + url + "#orders|run-1");
    }

    @Test
    void largeKeyRangesAreReadInParallelSlices() {
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(
                url,
                "root",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, v VARCHAR(5))",
                "INSERT INTO orders VALUES (1, 'a'), (400000, 'b'), (900000, 'c'), (1200000, 'd')");
        Lakehouse lake = TestSpark.freshLake(dir);
        JdbcReader reader = new JdbcReader(lake.spark(), mysql(url));
        try (var connection = reader.connect()) {
            SourceTable table = reader.describe(connection, JdbcTableLoad.incremental("orders", ORDERS, "id"));
            var rows = reader.read(connection, table, Optional.empty());
            // Keys 1..1,200,000 span 5 slices of 250,000 keys.
            assertThat(rows.rdd().getNumPartitions()).isEqualTo(5);
            assertThat(rows.count()).isEqualTo(4);
            // A full load splits by the single-column integer primary key the same way.
            SourceTable full = reader.describe(connection, JdbcTableLoad.full("orders", ORDERS));
            assertThat(full.rangeColumn()).contains("id");
            assertThat(reader.read(connection, full, Optional.empty()).rdd().getNumPartitions())
                    .isEqualTo(5);
            var above = reader.read(connection, table, Optional.of("400000"));
            assertThat(above.collectAsList())
                    .extracting(r -> r.getString(0))
                    .containsExactlyInAnyOrder("900000", "1200000");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void faultsGiveOneLineMessagesAndWriteNothing() {
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(url, "root", "CREATE TABLE orders (id INT PRIMARY KEY)", "INSERT INTO orders VALUES (1)");
        Lakehouse lake = TestSpark.freshLake(dir);
        JdbcIngest ingest = new JdbcIngest(lake);
        List<JdbcTableLoad> loads = List.of(JdbcTableLoad.full("orders", ORDERS));
        int closed = Ports.free();

        assertThatThrownBy(
                        () -> ingest.ingest(mysql("jdbc:mysql://127.0.0.1:" + closed + "/shoplake"), loads, "r", "t"))
                .isInstanceOf(JdbcSourceException.class)
                .hasMessage("cannot connect to MySQL at 127.0.0.1:" + closed
                        + ": connection refused; is the server running? try `./shoplake services up`");
        assertThatThrownBy(() ->
                        ingest.ingest(new JdbcSource(url, Optional.of("x"), Optional.of("secret-pw")), loads, "r", "t"))
                .isInstanceOf(JdbcSourceException.class)
                .hasMessage("MySQL rejected user 'x': wrong user name or password");
        assertThatThrownBy(() -> ingest.ingest(
                        new JdbcSource(url, Optional.of("root"), Optional.of("secret-pw")), loads, "r", "t"))
                .hasMessage("MySQL rejected user 'root': wrong user name or password");
        // A user written into the URL is the one named; its password never shows.
        String withUser = url.replace("jdbc:mysql://", "jdbc:mysql://bob:pw-in-url@");
        assertThatThrownBy(() ->
                        ingest.ingest(new JdbcSource(withUser, Optional.empty(), Optional.empty()), loads, "r", "t"))
                .hasMessage("MySQL rejected user 'bob': wrong user name or password");
        assertThat(lake.exists(ORDERS)).isFalse();
        // Nothing was written, but every failed attempt is in ops.runs with its one-line reason.
        assertThat(new RunLedger(lake)
                                .history()
                                .where("status = 'FAILED'")
                                .orderBy("error")
                                .select("step", "error")
                                .collectAsList()
                                .stream()
                                .map(r -> r.getString(0) + " | " + r.getString(1))
                                .toList())
                .hasSize(4)
                .contains(
                        "jdbc " + url + " | MySQL rejected user 'root': wrong user name or password",
                        "jdbc " + url + " | MySQL rejected user 'x': wrong user name or password",
                        "jdbc " + withUser.replace("pw-in-url", "***")
                                + " | MySQL rejected user 'bob': wrong user name or password");

        ingest.ingest(mysql(url), loads, "r1", "t");
        long snapshot = lake.snapshotId(ORDERS).orElseThrow();
        List<JdbcTableLoad> withMissing = List.of(
                JdbcTableLoad.full("orders", ORDERS), JdbcTableLoad.full("shipments", TableId.bronze("shipments")));
        assertThatThrownBy(() -> ingest.ingest(mysql(url), withMissing, "r2", "t"))
                .hasMessage("MySQL at " + url.replaceAll("^jdbc:mysql://([^/]+)/.*$", "$1")
                        + " has no table 'shipments' in " + url);
        assertThat(lake.snapshotId(ORDERS)).hasValue(snapshot);
        assertThat(lake.exists(TableId.bronze("shipments"))).isFalse();
    }

    @Test
    void credentialsNeverShowInTheDisplayedUrl() {
        JdbcSource source = new JdbcSource(
                "jdbc:mysql://bob:pw1@db.example:3306/shop?password=pw2&useSSL=false",
                Optional.of("bob"),
                Optional.of("pw3"));
        assertThat(source.displayUrl())
                .isEqualTo("jdbc:mysql://bob:***@db.example:3306/shop?password=***&useSSL=false");
        assertThat(source.toString()).doesNotContain("pw1", "pw2", "pw3");
        assertThat(source.hostAndPort()).isEqualTo("db.example:3306");
        assertThat(new JdbcSource("jdbc:postgresql://pg/shop", Optional.empty(), Optional.empty()).hostAndPort())
                .isEqualTo("pg:5432");
    }
}
