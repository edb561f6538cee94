package io.shoplake.cli.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.services.Ports;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ingest orders --jdbc` against the shared embedded MariaDB: the MySQL path of the orders slice. */
class IngestOrdersJdbcTest {

    @TempDir
    Path dir;

    private CliTestSupport.CliResult run(String... args) {
        TestSpark.spark(); // the CLI's Workspace borrows the JVM's running session
        return CliTestSupport.run(args);
    }

    /** The five orders tables: every column text except the keys, which are integers as in the shop database. */
    private static String[] createOrdersSchema() {
        List<String> statements = new ArrayList<>();
        for (String table : OrderSources.LOAD_ORDER) {
            String columns = OrderSources.COLUMNS.get(table).stream()
                    .map(c -> c + (c.equals("id") || c.endsWith("_id") ? " INT" : " VARCHAR(100)"))
                    .collect(Collectors.joining(", "));
            statements.add("CREATE TABLE " + table + " (" + columns + ")");
        }
        return statements.toArray(String[]::new);
    }

    /** INSERT of rows given as id (or order_id for order_details) values; other columns stay null except one. */
    private static String insert(String table, int... keys) {
        String keyColumn = table.equals("order_details") ? "order_id" : "id";
        String other = OrderSources.COLUMNS.get(table).stream()
                .filter(c -> !c.equals("id") && !c.endsWith("_id"))
                .findFirst()
                .orElseThrow();
        List<String> rows = new ArrayList<>();
        for (int key : keys) {
            rows.add("(" + key + ", '" + table + "-" + key + "')");
        }
        return "INSERT INTO " + table + " (" + keyColumn + ", " + other + ") VALUES " + String.join(", ", rows);
    }

    private Map<String, Long> bronzeCounts(Path lakeDir) {
        Lakehouse lake = TestSpark.freshLake(lakeDir);
        Map<String, Long> counts = new TreeMap<>();
        for (String table : OrderSources.LOAD_ORDER) {
            if (lake.exists(TableId.bronze(table))) {
                counts.put(table, lake.read(TableId.bronze(table)).count());
            }
        }
        return counts;
    }

    @Test
    void loadsTheFiveTablesThenOnlyNewRows() throws Exception {
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(url, "root", createOrdersSchema());
        TestServices.execute(
                url,
                "root",
                insert("customers", 1, 2, 3),
                insert("employees", 1),
                insert("products", 5, 6),
                insert("orders", 100, 101),
                insert("order_details", 100, 100, 101));
        Path lake = dir.resolve("lake");
        String[] ingest = {
            "ingest",
            "orders",
            "--jdbc",
            url,
            "--user",
            "root",
            "--incremental-key",
            "id,order_details=order_id",
            "--lake",
            lake.toString(),
            "--json"
        };

        CliTestSupport.CliResult first = run(ingest);

        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(first.out());
        assertThat(report.get("source").asText()).isEqualTo(url);
        Map<String, Integer> loaded = new TreeMap<>();
        report.get("tables")
                .forEach(t ->
                        loaded.put(t.get("source_table").asText(), t.get("rows").asInt()));
        assertThat(loaded)
                .isEqualTo(Map.of("customers", 3, "employees", 1, "products", 2, "orders", 2, "order_details", 3));
        assertThat(bronzeCounts(lake))
                .isEqualTo(Map.of("customers", 3L, "employees", 1L, "products", 2L, "orders", 2L, "order_details", 3L));

        TestServices.execute(
                url, "root", insert("customers", 4), insert("orders", 102), insert("order_details", 102, 102));
        CliTestSupport.CliResult second = run(ingest);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(bronzeCounts(lake))
                .isEqualTo(Map.of("customers", 4L, "employees", 1L, "products", 2L, "orders", 3L, "order_details", 5L));
    }

    @Test
    void unreachableServerFailsInOneLineAndCreatesNoTable() {
        int closed = Ports.free();
        Path lake = dir.resolve("lake");
        CliTestSupport.CliResult result = run(
                "ingest",
                "orders",
                "--jdbc",
                "jdbc:mysql://127.0.0.1:" + closed + "/shoplake",
                "--user",
                "root",
                "--lake",
                lake.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: cannot connect to MySQL at 127.0.0.1:" + closed
                        + ": connection refused; is the server running? try `./shoplake services up`\n");
        assertThat(bronzeCounts(lake)).isEmpty();
    }

    @Test
    void wrongPasswordFailsInOneLineWithoutEchoingItAndChangesNothing() throws Exception {
        String url = TestServices.freshMySqlDatabase();
        TestServices.execute(url, "root", createOrdersSchema());
        TestServices.execute(url, "root", insert("customers", 1));
        Path lake = dir.resolve("lake");
        assertThat(run("ingest", "orders", "--jdbc", url, "--user", "root", "--lake", lake.toString())
                        .exitCode())
                .isZero();
        Path passwordFile = Files.writeString(dir.resolve("password"), "Sup3r-Secret\n");

        CliTestSupport.CliResult result = run(
                "ingest",
                "orders",
                "--jdbc",
                url,
                "--user",
                "root",
                "--password-file",
                passwordFile.toString(),
                "--lake",
                lake.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: MySQL rejected user 'root': wrong user name or password\n");
        assertThat(result.out() + result.err()).doesNotContain("Sup3r-Secret");
        assertThat(bronzeCounts(lake))
                .isEqualTo(Map.of("customers", 1L, "employees", 0L, "products", 0L, "orders", 0L, "order_details", 0L));
    }

    @Test
    void jdbcOptionsNeedJdbc() {
        CliTestSupport.CliResult result = run("ingest", "orders", "--from", dir.toString(), "--user", "root");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("error: --incremental-key, --user and --password-file go with --jdbc, not --from\n");
    }
}
