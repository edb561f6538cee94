package io.shoplake.cli.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.cli.Main;
import io.shoplake.services.EmbeddedMariaDb;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate orders} and {@code mysql load} through the real CLI entry point and a real MariaDB. */
class GenerateAndMysqlCommandsTest {

    private static EmbeddedMariaDb server;

    @TempDir
    Path temp;

    @BeforeAll
    static void shareServer() {
        server = TestServices.mariaDb();
    }

    @Test
    void generateWritesTheFiveTablesAndReportsThem() throws IOException {
        CliResult result = CliTestSupport.run(
                "generate",
                "orders",
                "--out",
                temp.toString(),
                "--customers",
                "40",
                "--days",
                "60",
                "--seed",
                "5",
                "--defects",
                "0",
                "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"table\" : \"order_details\"").contains("\"defective_rows\" : 0");
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(
                            "customers.csv", "employees.csv", "order_details.csv", "orders.csv", "products.csv");
        }
        assertThat(Files.readAllLines(temp.resolve("customers.csv"))).hasSize(41);
    }

    @Test
    void generateOptionsAreCheckedWithOneLineMessages() {
        CliResult rate = CliTestSupport.run("generate", "orders", "--out", temp.toString(), "--defects", "2");
        assertThat(rate.exitCode()).isEqualTo(Main.USAGE);
        assertThat(rate.err().strip()).isEqualTo("error: defect rate must be between 0 and 0.5, was: 2.0");
        CliResult start = CliTestSupport.run("generate", "orders", "--out", temp.toString(), "--start", "2025-02-30");
        assertThat(start.exitCode()).isEqualTo(Main.USAGE);
        assertThat(start.err().strip()).isEqualTo("error: --start must be a date YYYY-MM-DD, was: 2025-02-30");
    }

    @Test
    void mysqlLoadPrintsCountsAndRulesAndWritesEveryReject() throws IOException {
        Path data = temp.resolve("data");
        assertThat(CliTestSupport.run(
                                "generate",
                                "orders",
                                "--out",
                                data.toString(),
                                "--customers",
                                "60",
                                "--defects",
                                "0.05",
                                "--seed",
                                "11")
                        .exitCode())
                .isZero();
        Path rejects = temp.resolve("rejects.csv");
        CliResult result = CliTestSupport.run(
                "mysql",
                "load",
                "--from",
                data.toString(),
                "--url",
                server.jdbcUrl("cli_load"),
                "--batch",
                "50",
                "--rejects",
                rejects.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("table_rows")
                .contains("rejected rows by rule")
                .contains("loaded into cli_load");
        List<String> lines = Files.readAllLines(rejects);
        assertThat(lines.get(0)).isEqualTo("table,file,line,reason,raw_record");
        // the rules table lists a count per rule; the file holds one line per rejected row
        long total = result.out()
                .lines()
                .filter(l -> l.matches("^(customers|employees|products|orders|order_details)\\s+\\d+.*"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[4]))
                .sum();
        assertThat(lines).hasSize((int) total + 1);
    }

    @Test
    void mysqlLoadAgainstAClosedPortFailsWithExitCodeOne() throws IOException {
        Path data = temp.resolve("data");
        CliTestSupport.run("generate", "orders", "--out", data.toString(), "--customers", "5");
        int port = io.shoplake.services.Ports.free();
        CliResult result = CliTestSupport.run(
                "mysql", "load", "--from", data.toString(), "--url", "jdbc:mysql://127.0.0.1:" + port + "/x");
        assertThat(result.exitCode()).isEqualTo(Main.RUN_FAILED);
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).startsWith("error: cannot connect to MySQL at 127.0.0.1:" + port);
    }
}
