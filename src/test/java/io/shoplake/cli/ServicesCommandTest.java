package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `services up|status|down` against real background hosts, including cleanup after the host was SIGKILLed. */
class ServicesCommandTest {

    @TempDir
    Path lake;

    private final List<Long> started = new ArrayList<>();

    record Result(int exitCode, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--lake");
        all.add(lake.toString());
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Map<String, JsonNode> statusByService(String... args) throws Exception {
        Result result = run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        Map<String, JsonNode> byService = new HashMap<>();
        for (JsonNode node : new ObjectMapper().readTree(result.out())) {
            byService.put(node.get("service").asText(), node);
        }
        return byService;
    }

    @AfterEach
    void stopEverything() {
        run("services", "down");
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void upIsIdempotentAndDownStopsOrphansOfAKilledHost() throws Exception {
        Map<String, JsonNode> up = statusByService("services", "up", "--json");
        up.values().forEach(node -> started.add(node.get("host_pid").asLong()));
        up.values().forEach(node -> node.get("server_pids").forEach(pid -> started.add(pid.asLong())));

        assertThat(up.keySet()).containsExactlyInAnyOrder("mariadb", "postgres", "kafka", "mongodb");
        JsonNode mariadb = up.get("mariadb");
        assertThat(mariadb.get("state").asText()).isEqualTo("running");
        assertThat(mariadb.get("url").asText()).matches("jdbc:mysql://127\\.0\\.0\\.1:\\d+/shoplake");
        assertThat(mariadb.get("user").asText()).isEqualTo("root");
        assertThat(up.get("postgres").get("url").asText()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/shoplake");
        assertThat(up.get("mongodb").get("url").asText()).matches("mongodb://127\\.0\\.0\\.1:\\d+");
        assertThat(up.get("kafka").get("url").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(Files.exists(lake.resolve("state/services/mariadb.json"))).isTrue();
        try (Connection connection =
                        DriverManager.getConnection(mariadb.get("url").asText(), "root", "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT 6 * 7")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }

        // The host outlives the command that started it, and a second `up` leaves it alone.
        Map<String, JsonNode> again = statusByService("services", "up", "--only", "mariadb", "--json");
        assertThat(again.get("mariadb").get("host_pid").asLong())
                .isEqualTo(mariadb.get("host_pid").asLong());
        assertThat(again.get("mariadb").get("note").asText()).isEqualTo("already running");

        Map<String, JsonNode> status = statusByService("services", "status", "--json");
        assertThat(status.get("mariadb").get("state").asText()).isEqualTo("running");
        assertThat(status.get("kafka").get("state").asText()).isEqualTo("running");

        // Kill the MariaDB and PostgreSQL hosts hard: their server processes are left behind as orphans.
        long mariadbd = mariadb.get("server_pids").get(0).asLong();
        long postmaster = up.get("postgres").get("server_pids").get(0).asLong();
        for (String service : List.of("mariadb", "postgres")) {
            ProcessHandle host =
                    ProcessHandle.of(up.get(service).get("host_pid").asLong()).orElseThrow();
            host.destroyForcibly();
            host.onExit().get();
        }
        assertThat(ProcessHandle.of(mariadbd).map(ProcessHandle::isAlive)).contains(true);
        Map<String, JsonNode> stale = statusByService("services", "status", "--json");
        assertThat(stale.get("mariadb").get("state").asText()).isEqualTo("stale pid");
        assertThat(stale.get("mongodb").get("state").asText()).isEqualTo("running");

        Result down = run("services", "down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("orphaned server " + mariadbd).contains("orphaned server " + postmaster);
        for (long pid : List.of(
                mariadbd,
                postmaster,
                up.get("mongodb").get("host_pid").asLong(),
                up.get("kafka").get("host_pid").asLong())) {
            assertThat(gone(pid)).as("process %d is gone", pid).isTrue();
        }
        assertThat(lake.resolve("state/services")).isDirectoryNotContaining("glob:**.json");
        assertThat(statusByService("services", "status", "--json").values())
                .allSatisfy(node -> assertThat(node.get("state").asText()).isEqualTo("stopped"));
    }

    @Test
    void unknownServiceIsAUsageError() {
        Result result = run("services", "up", "--only", "mysql");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("error: --only: unknown service 'mysql' (known: mariadb, postgres, kafka, mongodb)");
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
