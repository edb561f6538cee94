package io.shoplake.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest api} through the CLI: a secret header comes from the environment (surefire sets
 * SHOPLAKE_TEST_API_TOKEN), is sent, and is neither printed nor stored; records under --records-path.
 */
class IngestApiCommandTest {

    private static final String TOKEN = "Bearer test-token-1234";

    @TempDir
    Path temp;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/cases", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"data\":{\"items\":[{\"id\":1,\"day\":\"2024-01-01\"},{\"id\":2,\"day\":\"2024-01-02\"}]}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheSecretHeaderFromTheEnvironmentAndNeverPrintsOrStoresIt() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/cases";
        Path lake = temp.resolve("lake");

        CliResult result = CliTestSupport.run(
                "ingest",
                "api",
                "--url",
                url,
                "--name",
                "cases",
                "--records-path",
                "data.items",
                "--header-env",
                "Authorization=SHOPLAKE_TEST_API_TOKEN",
                "--lake",
                lake.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(authorizations).containsExactly(TOKEN);
        assertThat(result.out()).containsPattern("bronze\\.api_cases\\s.*\\s1\\s.*\\s2\\s.*\\s2\\s");
        assertThat(result.out() + result.err()).doesNotContain("test-token-1234");
        CliResult rows = CliTestSupport.run(
                "sql", "--lake", lake.toString(), "--csv", "SELECT record, url FROM bronze.api_cases ORDER BY record");
        assertThat(rows.out())
                .isEqualTo("record,url\n\"{\"\"id\"\":1,\"\"day\"\":\"\"2024-01-01\"\"}\"," + url + "\n"
                        + "\"{\"\"id\"\":2,\"\"day\"\":\"\"2024-01-02\"\"}\"," + url + "\n");
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain("test-token-1234");
            }
        }
    }

    @Test
    void aMissingEnvironmentVariableOrAnIncompleteWindowIsAUsageError() {
        CliResult missing = CliTestSupport.run(
                "ingest",
                "api",
                "--url",
                "http://127.0.0.1:1/x",
                "--header-env",
                "Authorization=SHOPLAKE_NO_SUCH_VAR",
                "--lake",
                temp.resolve("lake").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip())
                .isEqualTo("error: environment variable SHOPLAKE_NO_SUCH_VAR is not set (named by --header-env "
                        + "Authorization=SHOPLAKE_NO_SUCH_VAR)");

        CliResult window = CliTestSupport.run(
                "ingest",
                "api",
                "--url",
                "http://127.0.0.1:1/x",
                "--since-param",
                "from",
                "--lake",
                temp.resolve("lake").toString());
        assertThat(window.exitCode()).isEqualTo(2);
        assertThat(window.err().strip()).isEqualTo("error: --since-param and --since-field go together");
    }

    @Test
    void aServerThatAlwaysFailsEndsTheRunWithOneLine() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/cases";

        CliResult result = CliTestSupport.run(
                "ingest",
                "api",
                "--url",
                url,
                "--name",
                "cases",
                "--records-path",
                "data.items",
                "--lake",
                temp.resolve("lake").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip())
                .isEqualTo(
                        "error: GET " + url + " answered HTTP 401 (not retried: a 4xx other than 429 means the "
                                + "request itself is wrong); 0 records from 0 earlier pages stay committed in bronze.api_cases");
    }
}
