package io.shoplake.cli.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shoplake.cli.Main;
import io.shoplake.services.EmbeddedMongo;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest transactions and the predict commands through the real CLI on a temporary lake. */
class PredictCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path lake;

    @Test
    void cdnowSampleFitBacktestAndPublishedBuyerList() throws Exception {
        Path sample = SharedData.require("cdnow/CDNOW_sample.txt");
        CliResult ingest = CliTestSupport.run(
                "ingest",
                "transactions",
                "--from",
                sample.toString(),
                "--format",
                "whitespace",
                "--no-header",
                "--customer-col",
                "2",
                "--date-col",
                "3",
                "--amount-col",
                "5",
                "--date-format",
                "yyyyMMdd",
                "--json",
                "--lake",
                lake.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(JSON.readTree(ingest.out()).get("loaded").asLong()).isEqualTo(6919);

        CliResult fit = CliTestSupport.run(
                "predict",
                "fit",
                "--source",
                "transactions",
                "--unit",
                "weeks",
                "--calibration-end",
                "1997-09-30",
                "--json",
                "--lake",
                lake.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        JsonNode fitJson = JSON.readTree(fit.out());
        assertThat(names(fitJson))
                .containsExactly("model", "unit", "customers", "params", "std_errors", "log_likelihood");
        assertThat(fitJson.get("model").asText()).isEqualTo("bgnbd");
        assertThat(fitJson.get("unit").asText()).isEqualTo("weeks");
        assertThat(fitJson.get("customers").asLong()).isEqualTo(2357);
        assertThat(names(fitJson.get("params"))).containsExactly("r", "alpha", "a", "b");
        assertThat(fitJson.get("params").get("a").asDouble()).isCloseTo(0.7929, within(0.0005));
        assertThat(fitJson.get("log_likelihood").asDouble()).isCloseTo(-9582.43, within(0.005));

        CliResult backtest = CliTestSupport.run(
                "predict",
                "backtest",
                "--source",
                "transactions",
                "--unit",
                "weeks",
                "--calibration-end",
                "1997-09-30",
                "--holdout-end",
                "1998-06-30",
                "--json",
                "--lake",
                lake.toString());
        assertThat(backtest.exitCode()).as(backtest.err()).isZero();
        JsonNode report = JSON.readTree(backtest.out());
        // Independently from the raw file: 1,882 repeat occasions in the holdout, 2,457 in calibration.
        assertThat(report.get("holdout").get("actual").asLong()).isEqualTo(1882);
        assertThat(report.get("cumulative").get("actual").asLong()).isEqualTo(1882 + 2457);
        // Sum of FHL eq. 10 over the published summary with the published parameters, computed with scipy: 1653.44.
        assertThat(report.get("holdout").get("predicted").asDouble()).isCloseTo(1653.44, within(0.2));
        // Sum of FHL eq. 9 at each customer's age at the holdout end (T + 39 weeks), published parameters, scipy:
        // 4160.75.
        assertThat(report.get("cumulative").get("predicted").asDouble()).isCloseTo(4160.75, within(0.3));
        assertThat(report.get("tracking")
                        .get(report.get("tracking").size() - 1)
                        .get("cumulative_actual")
                        .asLong())
                .isEqualTo(4339);
        assertThat(report.get("by_frequency")).hasSize(8);
        assertThat(report.get("by_frequency").get(7).get("x").asText()).isEqualTo("7+");
        long binned = 0;
        for (JsonNode bin : report.get("by_frequency")) {
            binned += bin.get("customers").asLong();
        }
        assertThat(binned).isEqualTo(2357);
        assertThat(names(report.get("buyer_list"))).containsExactly("model", "baseline");
        assertThat(names(report.get("buyer_list").get("model"))).containsExactly("precision", "recall", "f1");

        try (EmbeddedMongo server = EmbeddedMongo.start(lake.resolve("mongo"), 0)) {
            String uri = server.url();
            CliResult next = CliTestSupport.run(
                    "predict",
                    "next-orders",
                    "--source",
                    "transactions",
                    "--top",
                    "25",
                    "--publish",
                    uri,
                    "--json",
                    "--lake",
                    lake.toString());
            assertThat(next.exitCode()).as(next.err()).isZero();
            JsonNode nextJson = JSON.readTree(next.out());
            assertThat(nextJson.get("as_of").asText()).isEqualTo("1998-06-30");
            assertThat(nextJson.get("customers").asLong()).isEqualTo(2357);
            assertThat(nextJson.get("buyers").asLong()).isEqualTo(25);
            assertThat(nextJson.get("published").get("documents_for_as_of").asLong())
                    .isEqualTo(25);
            try (MongoClient client = MongoClients.create(uri)) {
                assertThat(client.getDatabase("shoplake")
                                .getCollection("next_order_predictions")
                                .countDocuments())
                        .isEqualTo(25);
            }
        }
        CliResult step = CliTestSupport.run(
                "sql",
                "SELECT job, status, rows_in, rows_out, rows_quarantined FROM ops.runs "
                        + "WHERE step = 'publish mongodb'",
                "--csv",
                "--lake",
                lake.toString());
        assertThat(step.out().strip().lines())
                .containsExactly("job,status,rows_in,rows_out,rows_quarantined", "predict,SUCCEEDED,25,25,0");
        CliResult rows = CliTestSupport.run(
                "sql", "SELECT count(*) AS n FROM gold.next_order_predictions", "--json", "--lake", lake.toString());
        assertThat(rows.out()).contains("{\"n\":2357}");
    }

    @Test
    void badRowsAreQuarantinedAndOneTimeBuyersCannotBeFitted() throws Exception {
        Path file = lake.resolve("tx.csv");
        Files.writeString(file, """
                customer,day,total
                a,2024-01-05,10.00
                b,2024-01-06,-3.00
                ,2024-01-07,5.00
                c,2024-13-01,5.00
                d,2024-01-08,abc
                e,2024-01-09,7.50
                """);
        CliResult ingest = CliTestSupport.run(
                "ingest",
                "transactions",
                "--from",
                file.toString(),
                "--customer-col",
                "customer",
                "--date-col",
                "day",
                "--amount-col",
                "3",
                "--lake",
                lake.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).startsWith("silver.transactions: 2 rows loaded, 4 quarantined");
        CliResult reasons = CliTestSupport.run(
                "sql",
                "SELECT line, reason FROM quarantine.silver_transactions ORDER BY line",
                "--csv",
                "--lake",
                lake.toString());
        assertThat(reasons.out().strip().lines())
                .containsExactly(
                        "line,reason",
                        "3,\"amount: must be at least 0, was: -3.00\"",
                        "4,customer_id: is missing",
                        "5,date: not a valid date (yyyy-MM-dd): 2024-13-01",
                        "6,amount: not a valid decimal: abc");

        CliResult fit = CliTestSupport.run("predict", "fit", "--source", "transactions", "--lake", lake.toString());
        assertThat(fit.exitCode()).isEqualTo(Main.RUN_FAILED);
        assertThat(fit.err().strip())
                .isEqualTo("error: cannot fit BG/NBD: no customer has a repeat purchase (all 2 customers bought once)");
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliResult unit = CliTestSupport.run("predict", "fit", "--unit", "months", "--lake", lake.toString());
        assertThat(unit.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unit.err().strip()).isEqualTo("error: unit must be days or weeks, was: months");

        CliResult both = CliTestSupport.run(
                "predict", "next-orders", "--top", "3", "--min-probability", "0.4", "--lake", lake.toString());
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("mutually exclusive");

        CliResult dates = CliTestSupport.run(
                "predict",
                "backtest",
                "--calibration-end",
                "2024-02-01",
                "--holdout-end",
                "2024-01-01",
                "--lake",
                lake.toString());
        assertThat(dates.exitCode()).isEqualTo(Main.USAGE);
        assertThat(dates.err().strip())
                .isEqualTo("error: holdout end must be after the calibration end 2024-02-01, was: 2024-01-01");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
