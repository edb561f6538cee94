package io.shoplake.pipelines.orders.mysql;

import static io.shoplake.pipelines.orders.mysql.MysqlOrdersLoaderTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.services.EmbeddedMariaDb;
import io.shoplake.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL scripts under sql/mysql, run as written against a real (embedded) MariaDB. */
class MysqlScriptsTest {

    private static EmbeddedMariaDb server;

    @TempDir
    Path temp;

    @BeforeAll
    static void shareServer() {
        server = TestServices.mariaDb();
    }

    /** Runs every statement of a script on one connection; returns the rows of each SELECT, in order. */
    static List<List<String>> run(Connection connection, SqlScript script) throws SQLException {
        List<List<String>> results = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.statements()) {
                if (statement.execute(sql)) {
                    List<String> rows = new ArrayList<>();
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            rows.add(result.getString(1));
                        }
                    }
                    results.add(rows);
                }
            }
        }
        return results;
    }

    private Connection freshNorthwind() throws SQLException {
        try (Connection admin = server.connect("");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS northwind");
        }
        Connection connection = server.connect("");
        run(connection, SqlScript.fromClasspath("sql/mysql/create_schema_and_tables.sql"));
        return connection;
    }

    private static void insertCraftedOrders(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO customers (id) VALUES (1), (2), (3), (4)");
            statement.execute("INSERT INTO employees (id) VALUES (201)");
            statement.execute("INSERT INTO products (id) VALUES (601), (602)");
            statement.execute("""
                    INSERT INTO orders (id, employee_id, customer_id, order_date) VALUES
                      (10, 201, 1, '2025-01-05 09:00:00'),
                      (11, 201, 1, '2025-01-07 10:00:00'),
                      (12, 201, 1, '2025-01-07 08:00:00'),
                      (13, 201, 1, '2025-01-07 23:59:59'),
                      (20, 201, 2, '2025-01-03 10:00:00'),
                      (21, 201, 2, '2025-01-03 11:00:00'),
                      (22, 201, 2, '2025-01-09 10:00:00'),
                      (31, 201, 3, '2025-02-01 12:00:00'),
                      (30, 201, 3, '2025-02-01 18:00:00'),
                      (40, 201, 4, '2025-03-01 00:00:00'),
                      (50, 201, NULL, '2025-03-02 10:00:00'),
                      (51, 201, NULL, '2025-03-02 11:00:00')""");
            statement.execute("""
                    INSERT INTO order_details (order_id, product_id, quantity) VALUES
                      (10, 601, 1), (11, 601, 1), (12, 601, 1), (12, 602, 2), (31, 601, 1), (30, 602, 1),
                      (21, 601, 1), (50, 601, 1), (51, 601, 1)""");
        }
    }

    @Test
    void deleteDuplicateOrdersKeepsTheLowestIdOnEachCustomersLatestDate() throws SQLException {
        try (Connection connection = freshNorthwind()) {
            connection.setCatalog("northwind");
            insertCraftedOrders(connection);
            List<List<String>> selects =
                    run(connection, SqlScript.fromClasspath("sql/mysql/delete_duplicate_orders.sql"));

            // By hand: customer 1's latest date 2025-01-07 has 11, 12, 13: keep 11 (lowest id), delete 12 and 13.
            // Customer 2's duplicates 20/21 are on an earlier date: kept. Customer 3: 30 and 31 on 2025-02-01: keep
            // 30 (lowest id, though later in the day), delete 31. Customer 4 has one order. 50/51 have no customer.
            assertThat(selects.get(0)).as("preview of orders").containsExactly("12", "13", "31");
            assertThat(selects.get(1)).as("preview of details (order ids)").containsExactly("12", "12", "31");
            assertThat(rows(connection, "SELECT id FROM orders ORDER BY id"))
                    .containsExactly("10", "11", "20", "21", "22", "30", "40", "50", "51");
            assertThat(rows(connection, "SELECT CONCAT(order_id, '/', product_id) FROM order_details ORDER BY 1"))
                    .containsExactly("10/601", "11/601", "21/601", "30/602", "50/601", "51/601");

            // Running it again finds nothing more to delete.
            List<List<String>> again =
                    run(connection, SqlScript.fromClasspath("sql/mysql/delete_duplicate_orders.sql"));
            assertThat(again.get(0)).isEmpty();
            assertThat(rows(connection, "SELECT COUNT(*) FROM orders")).containsExactly("9");
        }
    }

    @Test
    void thePreviewWithRollbackDeletesNothing() throws SQLException {
        try (Connection connection = freshNorthwind()) {
            connection.setCatalog("northwind");
            insertCraftedOrders(connection);
            String text = new String(
                    SqlScript.class
                            .getClassLoader()
                            .getResourceAsStream("sql/mysql/delete_duplicate_orders.sql")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(text.strip()).endsWith("COMMIT;");
            String preview = text.strip().replaceAll("COMMIT;$", "ROLLBACK;");
            List<List<String>> selects = run(connection, SqlScript.parse("preview", preview));
            assertThat(selects.get(0)).containsExactly("12", "13", "31");
            assertThat(rows(connection, "SELECT COUNT(*) FROM orders")).containsExactly("12");
            assertThat(rows(connection, "SELECT COUNT(*) FROM order_details")).containsExactly("9");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void foreignKeysRefuseDeletingAnOrderThatStillHasDetails() throws SQLException {
        try (Connection connection = freshNorthwind()) {
            connection.setCatalog("northwind");
            insertCraftedOrders(connection);
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("DELETE FROM orders WHERE id = 12"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("foreign key constraint fails");
            }
        }
    }

    @Test
    void importOrderDetailsLoadsACrlfFileWithEmptyFieldsAsNull() throws Exception {
        try (Connection setup = freshNorthwind();
                Statement statement = setup.createStatement()) {
            statement.execute("INSERT INTO northwind.orders (id) VALUES (4001), (4002)");
            statement.execute("INSERT INTO northwind.products (id) VALUES (601), (602)");
        }
        Path file = temp.resolve("order_details.csv");
        Files.writeString(
                file,
                "order_id,product_id,quantity,unit_price,discount,order_detail_status,date_allocated\r\n"
                        + "4001,601,1,68.34,8.16,On Order,2016-12-22\r\n"
                        + "4001,602,2,93.84,,\"Allocated, partly\",\r\n"
                        + "4002,601,3,4.39,3.61,,2016-06-24\r\n");
        String script = new String(
                        SqlScript.class
                                .getClassLoader()
                                .getResourceAsStream("sql/mysql/import_order_details.sql")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("'order_details.csv'", "'" + file + "'");
        try (Connection connection = DriverManager.getConnection(
                server.jdbcUrl("northwind") + "?allowLoadLocalInfile=true", EmbeddedMariaDb.USER, "")) {
            List<List<String>> results = run(connection, SqlScript.parse("import", script));
            assertThat(results.get(0)).as("warnings").isEmpty();
            assertThat(rows(
                            connection,
                            "SELECT order_id, product_id, quantity, unit_price, discount, "
                                    + "order_detail_status, date_allocated FROM order_details ORDER BY 1, 2"))
                    .containsExactly(
                            "4001|601|1|68.3400|8.1600|On Order|2016-12-22",
                            "4001|602|2|93.8400|null|Allocated, partly|null",
                            "4002|601|3|4.3900|3.6100|null|2016-06-24");
            // again: the keys exist, so every row is skipped and nothing changes
            run(connection, SqlScript.parse("import", script));
            assertThat(rows(connection, "SELECT COUNT(*) FROM order_details")).containsExactly("3");
        }
    }
}
