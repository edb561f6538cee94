package io.shoplake.cli.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoplake.dashboard.DashboardLake;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana: the provisioning files parse and agree on the data source uid, and every panel's SQL (Grafana's
 * macros expanded) runs against PostgreSQL loaded by {@code publish postgres} and gives the lake's values.
 */
class GrafanaDashboardTest {

    private static final Path GRAFANA = Path.of("deploy", "grafana");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of(
            "gold.covid_daily",
            "silver.orders",
            "gold.order_patterns",
            "gold.industry_swings",
            "gold.merchant_daily",
            "gold.next_order_predictions",
            "gold.backtest_tracking",
            "ops.dq_results");

    @TempDir
    static Path temp;

    private static String url;
    private static String lake;

    @BeforeAll
    static void publish() {
        lake = temp.resolve("lake").toString();
        DashboardLake.fill(TestSpark.freshLake(temp.resolve("lake")));
        url = TestServices.freshPostgresDatabase();
        for (String table : TABLES) {
            CliResult result = CliTestSupport.run(
                    "publish", "postgres", "--table", table, "--url", url, "--user", "postgres", "--lake", lake);
            assertThat(result.exitCode()).as(table + ": " + result.err()).isZero();
        }
    }

    @Test
    void provisioningNamesOneDataSourceByUidAndEveryPanelUsesIt() throws Exception {
        JsonNode sources = YAML.readTree(
                GRAFANA.resolve("provisioning/datasources/shoplake.yaml").toFile());
        assertThat(sources.get("apiVersion").asInt()).isEqualTo(1);
        assertThat(sources.get("datasources")).hasSize(1);
        JsonNode source = sources.get("datasources").get(0);
        assertThat(source.get("type").asText()).isEqualTo("grafana-postgresql-datasource");
        String uid = source.get("uid").asText();
        assertThat(uid).isEqualTo("shoplake-postgres");
        assertThat(source.get("secureJsonData").get("password").asText()).isEqualTo("${SHOPLAKE_PG_PASSWORD}");

        JsonNode providers = YAML.readTree(
                GRAFANA.resolve("provisioning/dashboards/shoplake.yaml").toFile());
        JsonNode provider = providers.get("providers").get(0);
        assertThat(provider.get("type").asText()).isEqualTo("file");
        assertThat(provider.get("options").get("path").asText()).isEqualTo("/var/lib/grafana/dashboards/shoplake");

        JsonNode dashboard = dashboard();
        assertThat(dashboard.get("panels")).hasSize(9);
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("datasource").get("uid").asText())
                    .as(panel.get("title").asText())
                    .isEqualTo(uid);
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("datasource").get("uid").asText()).isEqualTo(uid);
            }
        }
        JsonNode variable = dashboard.get("templating").get("list").get(0);
        assertThat(variable.get("datasource").get("uid").asText()).isEqualTo(uid);
        assertThat(query(expand(variable.get("query").asText()))).isEqualTo(List.of("MY", "SG"));
    }

    @Test
    void everyPanelQueryRunsOnThePublishedTablesAndGivesTheLakesValues() throws Exception {
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (JsonNode panel : dashboard().get("panels")) {
            String sql = expand(panel.get("targets").get(0).get("rawSql").asText());
            results.put(panel.get("title").asText(), query(sql));
        }
        assertThat(results.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        assertThat(results.get("COVID-19 cumulative cases ($country)"))
                .containsExactly(
                        "2021-03-01 00:00:00.0|10",
                        "2021-03-02 00:00:00.0|12",
                        "2021-03-03 00:00:00.0|15",
                        "2021-03-04 00:00:00.0|14",
                        "2021-03-05 00:00:00.0|20");
        assertThat(results.get("COVID-19 daily cases and 7-day average ($country)"))
                .extracting(row -> row.substring(row.indexOf('|') + 1))
                .containsExactly("null|null", "2|null", "3|null", "-1|null", "6|1.5");
        assertThat(results.get("Orders per day"))
                .containsExactly("2024-02-05 00:00:00.0|2", "2024-02-06 00:00:00.0|1", "2024-02-08 00:00:00.0|3");
        assertThat(results.get("Order patterns: orders by weekday (latest report)"))
                .containsExactly("Monday|2", "Tuesday|1", "Wednesday|0", "Thursday|3");
        assertThat(results.get("Industry swings: last window against the daily baseline"))
                .containsExactly("Energy|300.0|100.0", "Retail|20.0|40.0", "Banking|90.0|100.0");
        assertThat(results.get("Flyer engagement per merchant (latest day)")).containsExactly("9|45.0|2", "7|25.0|4");
        assertThat(results.get("Next-order buyer list (latest prediction)"))
                .containsExactly("c1|0.9|1.4|BG/NBD", "c3|0.6|0.8|BG/NBD", "c2|0.3|0.4|BG/NBD");
        assertThat(results.get("Backtest: cumulative repeat purchases, actual and predicted"))
                .containsExactly("2024-01-07 00:00:00.0|4|3.5", "2024-01-14 00:00:00.0|6|6.5");
        assertThat(results.get("Data quality: expectations passed and failed per day"))
                .extracting(row -> row.substring(row.indexOf('|') + 1))
                .containsExactly("1|1", "2|1");
    }

    @Test
    void publishingAgainLeavesTheSameRowsAndBadRequestsGetOneLine() throws Exception {
        CliResult again = CliTestSupport.run(
                "publish",
                "postgres",
                "--table",
                "gold.covid_daily",
                "--url",
                url,
                "--user",
                "postgres",
                "--lake",
                lake);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).containsPattern("gold\\.covid_daily\\s.*\\s7\\s.*\\sno");
        assertThat(query("SELECT count(*), count(DISTINCT (country_code, date)) FROM gold.covid_daily"))
                .containsExactly("7|7");

        CliResult noKey =
                CliTestSupport.run("publish", "postgres", "--table", "gold.unknown_mart", "--url", url, "--lake", lake);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err().strip())
                .isEqualTo("error: gold.unknown_mart has no known key: give --key COLUMN[,COLUMN]");

        CliResult missing = CliTestSupport.run(
                "publish", "postgres", "--table", "gold.unknown_mart", "--key", "id", "--url", url, "--lake", lake);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip())
                .isEqualTo("error: gold.unknown_mart does not exist: build it first (see `shoplake tables`)");

        CliResult badUrl = CliTestSupport.run(
                "publish", "postgres", "--table", "gold.covid_daily", "--url", "jdbc:oracle:thin:@x", "--lake", lake);
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err().strip())
                .isEqualTo("error: url must start with jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb:, was: "
                        + "jdbc:oracle:thin:@x");
    }

    private static JsonNode dashboard() throws Exception {
        return JSON.readTree(Files.readString(GRAFANA.resolve("dashboards/shoplake.json")));
    }

    /** Grafana's macros for a PostgreSQL data source, over a range that holds every test row. */
    static String expand(String sql) {
        return sql.replaceAll(
                        "\\$__timeFilter\\(([a-z_]+)\\)",
                        "$1 BETWEEN '2000-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'")
                .replace("$__timeFrom()", "'2000-01-01T00:00:00Z'")
                .replace("$__timeTo()", "'2100-01-01T00:00:00Z'")
                .replace("${country}", "SG")
                .replace("$country", "SG");
    }

    private static List<String> query(String sql) throws Exception {
        assertThat(sql).doesNotContain("$");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(values.stream().collect(Collectors.joining("|")));
            }
            return rows;
        }
    }
}
