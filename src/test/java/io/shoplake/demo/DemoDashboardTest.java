package io.shoplake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestSpark;
import java.io.BufferedReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's dashboard step: prints how to serve, or serves the demo lake until Enter. */
class DemoDashboardTest {

    private static final DemoReporter NO_REPORTS = new DemoReporter() {
        @Override
        public void silverBuilt(PrintWriter out, io.shoplake.pipelines.orders.SilverBuildReport report) {}

        @Override
        public void orderPatterns(PrintWriter out, io.shoplake.pipelines.orders.OrderPatternReport report) {}
    };

    @TempDir
    Path temp;

    @Test
    void withoutServePrintsTheCommandAndTheUrl() {
        StringWriter text = new StringWriter();
        DemoRun run = new DemoRun(
                new DemoSettings(temp, 10, 1, 0, false),
                () -> TestSpark.freshLake(temp),
                new PrintWriter(text, true),
                new BufferedReader(new StringReader("")),
                NO_REPORTS);

        DemoDashboard.showDashboard(run);

        assertThat(text.toString())
                .isEqualTo("   dashboard: `./shoplake serve --lake " + temp + "`, then open http://127.0.0.1:8080/ (or "
                        + "run the demo with --serve)" + System.lineSeparator());
    }

    @Test
    void withServeServesUntilEnter() throws Exception {
        StringWriter text = new StringWriter();
        PipedWriter keyboard = new PipedWriter();
        DemoRun run = new DemoRun(
                new DemoSettings(temp, 10, 1, 0, false, java.util.Set.of(), java.util.Set.of(), true),
                () -> TestSpark.freshLake(temp),
                new PrintWriter(text, true),
                new BufferedReader(new PipedReader(keyboard)),
                NO_REPORTS);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> DemoDashboard.showDashboard(run));
        Pattern url = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/) {2}\\(press Enter to stop serving\\)");
        Matcher found = url.matcher("");
        for (int i = 0; i < 600 && !found.find(); i++) {
            Thread.sleep(100);
            found = url.matcher(text.toString());
        }
        String address = found.group(1);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> charts = client.send(
                HttpRequest.newBuilder(URI.create(address + "api/charts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.body()).contains("{\"name\":\"covid\",\"title\":\"COVID-19 cases\"}");

        keyboard.write("\n");
        keyboard.flush();
        serving.get();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create(address + "api/charts"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }
}
