package io.shoplake.cli.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate sales} from the members an {@code ingest applications} run put in gold.members, then
 * {@code sales load} without {@code --url} into the embedded PostgreSQL it starts, twice.
 */
class SalesCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Long> started = new ArrayList<>();

    private CliResult shoplake(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", dir.resolve("lake").toString()));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    @AfterEach
    void stopThePostgresTheLoadStarted() {
        shoplake("services", "down");
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void generateFromGoldMembersThenLoadIntoTheEmbeddedPostgresTwice() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.writeString(drop.resolve("applications_2022010101.csv"), """
                name,email,date_of_birth,mobile_no
                Mr. John Smith,john_smith@shop.com,1990-05-17,8123 4567
                Jane Doe,jane@doe.net,1985/12/01,91234567
                Bob Stone,bob@stone.org,1980-01-01,12345678
                Amy Lee,amy@lee.com,2010-01-01,12345678
                """);
        TestSpark.spark(); // the CLI borrows the shared session
        CliResult ingest = shoplake("ingest", "applications", "--from", drop.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        // Bob's domain is .org and Amy is under 18: two members, ids worked out here from the rule.
        String doe = "Doe_" + sha256Prefix("19851201");
        String smith = "Smith_" + sha256Prefix("19900517");

        CliResult tooMany = shoplake("generate", "sales", "--members", "3");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.err().strip())
                .isEqualTo("error: --members must be between 1 and the 2 members in gold.members, was: 3");

        // The first member in membership id order is Doe's.
        CliResult one = shoplake(
                "generate",
                "sales",
                "--members",
                "1",
                "--out",
                dir.resolve("one").toString());
        assertThat(one.exitCode()).as(one.err()).isZero();
        JsonNode oneMember = JSON.readTree(dir.resolve("one/sales.json").toFile());
        assertThat(oneMember.get("members")).hasSize(1);
        assertThat(oneMember.get("members").get(0).get("membership_id").asText())
                .isEqualTo(doe);
        assertThat(oneMember.get("members").get(0).get("email").asText()).isEqualTo("jane@doe.net");

        CliResult both = shoplake("generate", "sales", "--members", "2", "--seed", "7");
        assertThat(both.exitCode()).as(both.err()).isZero();
        Path file = dir.resolve("lake/exports/sales/sales.json");
        assertThat(both.out()).contains("sales: 2 members").endsWith(file + System.lineSeparator());
        CliResult again = shoplake("generate", "sales", "--members", "2", "--seed", "7", "--out", dir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(dir.resolve("sales.json"))).isEqualTo(Files.readString(file));
        JsonNode sales = JSON.readTree(file.toFile());
        List<String> ids = new ArrayList<>();
        sales.get("members")
                .forEach(member -> ids.add(member.get("membership_id").asText()));
        assertThat(ids).containsExactly(doe, smith);

        CliResult load = shoplake("sales", "load", "--json");
        assertThat(load.exitCode()).as(load.err()).isZero();
        assertThat(load.err()).contains("no --url; using the embedded PostgreSQL");
        String url = postgresUrl();
        JsonNode loaded = JSON.readTree(load.out());
        for (String table : List.of("members", "manufacturers", "items", "transactions", "lines")) {
            assertThat(loaded.get(table).asLong())
                    .as(table)
                    .isEqualTo(sales.get(table).size());
        }
        List<Long> counts = databaseCounts(url);
        assertThat(counts)
                .containsExactly(
                        2L,
                        (long) sales.get("items").size(),
                        (long) sales.get("transactions").size(),
                        (long) sales.get("lines").size());

        // Loading the same file again changes nothing.
        CliResult reload = shoplake("sales", "load", "--json");
        assertThat(reload.exitCode()).as(reload.err()).isZero();
        assertThat(JSON.readTree(reload.out())).isEqualTo(loaded);
        assertThat(databaseCounts(url)).isEqualTo(counts);
    }

    @Test
    void loadWithoutAGeneratedFileSaysWhatToRun() {
        CliResult load = shoplake("sales", "load", "--url", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(load.exitCode()).isEqualTo(2);
        assertThat(load.err().strip())
                .isEqualTo("error: no sales.json in " + dir.resolve("lake/exports/sales")
                        + " (run `generate sales` first)");
    }

    private String postgresUrl() throws Exception {
        CliResult status = shoplake("services", "status", "--json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        for (JsonNode service : JSON.readTree(status.out())) {
            if (service.get("service").asText().equals("postgres")) {
                started.add(service.get("host_pid").asLong());
                service.get("server_pids").forEach(pid -> started.add(pid.asLong()));
                return service.get("url").asText();
            }
        }
        throw new AssertionError("no postgres in " + status.out());
    }

    private static List<Long> databaseCounts(String url) throws Exception {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            for (String query : List.of(
                    "SELECT count(*) FROM members",
                    "SELECT count(*) FROM items",
                    "SELECT count(*) FROM transactions",
                    "SELECT count(*) FROM transaction_lines")) {
                try (ResultSet rows = connection.createStatement().executeQuery(query)) {
                    rows.next();
                    counts.add(rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String sha256Prefix(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest).substring(0, 5);
    }
}
