package io.shoplake.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.testing.TestSpark;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON endpoints over a lake with known rows: exact series, 400s for bad parameters, read-only, loopback. */
class DashboardServerTest {

    @TempDir
    static Path temp;

    private static DashboardServer server;
    private static DashboardServer empty;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        var lake = TestSpark.freshLake(temp.resolve("lake"));
        DashboardLake.fill(lake);
        server = DashboardServer.start(lake, "127.0.0.1", 0);
        empty = DashboardServer.start(TestSpark.freshLake(temp.resolve("empty")), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        empty.close();
    }

    private static HttpResponse<String> get(DashboardServer on, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(on.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String error(String path, int status) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body()).get("error").asText();
    }

    @Test
    void covidSeriesOfOneCountryByCodeOrName() throws Exception {
        JsonNode sg = ok("/api/covid?country=SG");
        assertThat(sg.get("country").asText()).isEqualTo("Singapore");
        assertThat(sg.get("countries").toString()).isEqualTo("[\"MY\",\"SG\"]");
        assertThat(sg.get("dates").toString())
                .isEqualTo("[\"2021-03-01\",\"2021-03-02\",\"2021-03-03\",\"2021-03-04\",\"2021-03-05\"]");
        assertThat(sg.get("cumulative").toString()).isEqualTo("[10,12,15,14,20]");
        assertThat(sg.get("new_cases").toString()).isEqualTo("[null,2,3,-1,6]");
        assertThat(sg.get("avg_7d").toString()).isEqualTo("[null,null,null,null,1.5]");
        assertThat(sg.get("decreases").toString()).isEqualTo("[\"2021-03-04\"]");
        assertThat(ok("/api/covid?country=singapore").get("cumulative").toString())
                .isEqualTo("[10,12,15,14,20]");
        assertThat(ok("/api/covid").get("country_code").asText()).isEqualTo("MY");
    }

    @Test
    void everyOtherChartAnswersItsSeries() throws Exception {
        JsonNode orders = ok("/api/orders");
        assertThat(orders.get("dates").toString()).isEqualTo("[\"2024-02-05\",\"2024-02-06\",\"2024-02-08\"]");
        assertThat(orders.get("orders").toString()).isEqualTo("[2,1,3]");

        JsonNode patterns = ok("/api/order-patterns");
        assertThat(patterns.get("as_of").asText()).isEqualTo("2024-02-08");
        assertThat(patterns.get("weekdays").toString())
                .isEqualTo("[\"Monday\",\"Tuesday\",\"Wednesday\",\"Thursday\"]");
        assertThat(patterns.get("weekday_orders").toString()).isEqualTo("[2,1,0,3]");

        JsonNode industries = ok("/api/industries?top=2");
        assertThat(industries.get("as_of").asText()).isEqualTo("2024-02-08");
        assertThat(industries.get("industries").toString()).isEqualTo("[\"Energy\",\"Retail\"]");
        assertThat(industries.get("window_amount").toString()).isEqualTo("[300.0,20.0]");
        assertThat(industries.get("baseline_daily_avg").toString()).isEqualTo("[100.0,40.0]");
        assertThat(industries.get("change_pct").toString()).isEqualTo("[200.0,-50.0]");

        JsonNode flyers = ok("/api/flyers");
        assertThat(flyers.get("date").asText()).isEqualTo("2024-02-08");
        assertThat(flyers.get("merchants").toString()).isEqualTo("[\"9\",\"7\"]");
        assertThat(flyers.get("avg_seconds_per_user").toString()).isEqualTo("[45.0,25.0]");
        assertThat(flyers.get("users").toString()).isEqualTo("[2,4]");
        assertThat(ok("/api/flyers?date=2024-02-07").get("avg_seconds_per_user").toString())
                .isEqualTo("[5.0]");

        JsonNode buyers = ok("/api/buyers?limit=2");
        assertThat(buyers.get("as_of").asText()).isEqualTo("2024-02-08");
        assertThat(buyers.get("customers").toString()).isEqualTo("[\"c1\",\"c3\"]");
        assertThat(buyers.get("p_order_in_horizon").toString()).isEqualTo("[0.9,0.6]");

        JsonNode backtest = ok("/api/backtest");
        assertThat(backtest.get("period_ends").toString()).isEqualTo("[\"2024-01-07\",\"2024-01-14\"]");
        assertThat(backtest.get("cumulative_actual").toString()).isEqualTo("[4,6]");
        assertThat(backtest.get("cumulative_predicted").toString()).isEqualTo("[3.5,6.5]");

        JsonNode quality = ok("/api/quality");
        assertThat(quality.get("days").toString()).isEqualTo("[\"2024-02-07\",\"2024-02-08\"]");
        assertThat(quality.get("passed").toString()).isEqualTo("[1,2]");
        assertThat(quality.get("failed").toString()).isEqualTo("[1,1]");
        assertThat(quality.get("rows_failed").toString()).isEqualTo("[2,1]");
    }

    @Test
    void badParametersAre400WithAMessage() throws Exception {
        assertThat(error("/api/covid?country=XX", 400))
                .isEqualTo("no country 'XX' in gold.covid_daily (known: [MY, SG])");
        assertThat(error("/api/covid?country=%3Cscript%3E", 400))
                .isEqualTo("country must be a country code or name, was: '<script>'");
        assertThat(error("/api/covid?limit=3", 400))
                .isEqualTo("unknown parameter 'limit' for /api/covid (allowed: country)");
        assertThat(error("/api/industries?top=0", 400)).isEqualTo("top must be between 1 and 100, was: 0");
        assertThat(error("/api/buyers?limit=ten", 400)).isEqualTo("limit must be a whole number, was: 'ten'");
        assertThat(error("/api/flyers?date=2024-13-01", 400))
                .isEqualTo("date must be a date YYYY-MM-DD, was: '2024-13-01'");
        assertThat(error("/api/flyers?date=2020-01-01", 400))
                .isEqualTo("no merchant rows on 2020-01-01 in gold.merchant_daily");
        assertThat(error("/api/orders?x=1&x=2", 400))
                .isEqualTo("unknown parameter 'x' for /api/orders (it takes none)");
        assertThat(error("/api/nothing", 404))
                .isEqualTo("no chart 'nothing' (charts: covid, orders, order-patterns, industries, flyers, buyers, "
                        + "backtest, quality)");
    }

    @Test
    void aChartWhoseTableIsMissingSaysWhichCommandBuildsIt() throws Exception {
        HttpResponse<String> response = get(empty, "/api/industries");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("available").asBoolean()).isFalse();
        assertThat(answer.get("missing_table").asText()).isEqualTo("gold.industry_swings");
        assertThat(answer.get("message").asText())
                .isEqualTo("gold.industry_swings does not exist yet: build it with `./shoplake run industry-swings`");
        assertThat(JSON.readTree(get(empty, "/api/covid").body())
                        .get("build_command")
                        .asText())
                .isEqualTo("./shoplake ingest covid --from FILE");
    }

    @Test
    void readOnlyOnLoopbackAndThePageAndEChartsComeFromTheJar() throws Exception {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        HttpResponse<String> post = CLIENT.send(
                HttpRequest.newBuilder(URI.create(server.url() + "api/covid"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> page = get(server, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/assets/echarts.min.js\"></script>");
        HttpResponse<String> echarts = get(server, "/assets/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(900_000);
    }
}
