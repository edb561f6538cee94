package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.StepRun;
import io.shoplake.lakehouse.StepStatus;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing silently wrong, through the CLI: missing inputs, wrong flags, lake paths, unfinished runs, URLs. */
class IngestSafetyCommandsTest {

    @TempDir
    Path dir;

    private Path lake;

    @BeforeEach
    void session() {
        TestSpark.spark(); // the CLI borrows the JVM's session
        lake = dir.resolve("lake");
    }

    private CliResult cli(String... args) {
        String[] withLake = java.util.Arrays.copyOf(args, args.length + 2);
        withLake[args.length] = "--lake";
        withLake[args.length + 1] = lake.toString();
        return CliTestSupport.run(withLake);
    }

    private static String header(String table) {
        return String.join(",", OrderSources.COLUMNS.get(table)) + "\n";
    }

    @Test
    void aMissingOrdersFileIsNamedAndTheBuildFailsSayingWhatToIngest() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        for (String table : java.util.List.of("customers", "employees", "orders")) {
            Files.writeString(drop.resolve(table + ".csv"), header(table));
        }
        // A folder where products.csv should be; no order_details.csv at all.
        Files.createDirectories(drop.resolve("products.csv"));

        CliResult ingest = cli("ingest", "orders", "--from", drop.toString());

        assertThat(ingest.exitCode()).isEqualTo(1);
        assertThat(ingest.out())
                .contains("missing: order_details.csv (bronze.order_details has never been loaded: build orders "
                        + "needs it)")
                .doesNotContain("missing: products.csv");
        assertThat(ingest.err())
                .isEqualTo("error: " + drop.resolve("products.csv").toAbsolutePath() + ": a folder, not a file\n");

        CliResult build = cli("build", "orders");
        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err())
                .isEqualTo("error: bronze tables bronze.products, bronze.order_details do not exist: no products.csv, "
                        + "order_details.csv was ever ingested; ingest them first (./shoplake ingest orders --from "
                        + "DIR, or --jdbc URL)\n");
        CliResult runs = cli("runs", "--json");
        assertThat(runs.out()).contains("\"step\":\"check bronze\"").contains("\"status\":\"FAILED\"");

        CliResult report = cli("report", "order-patterns");
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.err())
                .isEqualTo("error: table silver.orders does not exist yet: run ./shoplake build orders first\n");
    }

    @Test
    void aHeaderlessFileWithoutNoHeaderPoisonsNothingAndDottedColumnNamesWork() throws Exception {
        Path log = Files.writeString(dir.resolve("log.txt"), "29.33 1 19970101 11.77\n29.34 2 19970102 3.00\n");

        CliResult wrong = cli(
                "ingest",
                "transactions",
                "--from",
                log.toString(),
                "--format",
                "whitespace",
                "--customer-col",
                "2",
                "--date-col",
                "3",
                "--amount-col",
                "4",
                "--date-format",
                "yyyyMMdd");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err())
                .isEqualTo("error: " + log.toAbsolutePath() + ": header line has only numbers (29.33, 1, 19970101, "
                        + "11.77): the file looks headerless; use --no-header\n");

        CliResult right = cli(
                "ingest",
                "transactions",
                "--from",
                log.toString(),
                "--format",
                "whitespace",
                "--no-header",
                "--customer-col",
                "2",
                "--date-col",
                "3",
                "--amount-col",
                "4",
                "--date-format",
                "yyyyMMdd");
        assertThat(right.exitCode()).as(right.err()).isZero();
        assertThat(right.out()).startsWith("silver.transactions: 2 rows loaded, 0 quarantined");

        CliResult failed = cli("sql", "SELECT error FROM ops.runs WHERE status = 'FAILED'", "--csv");
        assertThat(failed.out().strip().lines())
                .containsExactly(
                        "error",
                        "\"" + log.toAbsolutePath() + ": header line has only numbers (29.33, 1, 19970101, 11.77): "
                                + "the file looks headerless\"");

        // A header whose names hold dots is read literally (its own lake: silver types all of bronze one way).
        lake = dir.resolve("lake2");
        Path dotted = Files.writeString(dir.resolve("dotted.csv"), "cust.id,sale.date,amount\nc9,2024-01-02,5.00\n");
        CliResult named = cli(
                "ingest",
                "transactions",
                "--from",
                dotted.toString(),
                "--customer-col",
                "cust.id",
                "--date-col",
                "sale.date");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.out()).startsWith("silver.transactions: 1 rows loaded, 0 quarantined");

        // --reload replaces the file's earlier load instead of adding to it.
        Files.writeString(dotted, "cust.id,sale.date,amount\nc9,2024-01-02,5.00\nc8,2024-01-03,1.00\n");
        CliResult reload = cli(
                "ingest",
                "transactions",
                "--from",
                dotted.toString(),
                "--customer-col",
                "cust.id",
                "--date-col",
                "sale.date",
                "--reload");
        assertThat(reload.exitCode()).as(reload.err()).isZero();
        assertThat(reload.out()).startsWith("silver.transactions: 2 rows loaded, 0 quarantined");
    }

    @Test
    void readOnlyCommandsOnAFolderThatIsNotALakeSaySoAndCreateNothing() throws Exception {
        lake = dir.resolve("lakee");
        for (String[] command :
                new String[][] {{"tables"}, {"runs"}, {"sql", "SELECT 1"}, {"report", "order-patterns"}}) {
            CliResult result = cli(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo("error: no lake at " + lake.toAbsolutePath() + " (it has no warehouse/ folder; check "
                            + "--lake, $SHOPLAKE_LAKE or lake: in shoplake.yaml, or load data first, e.g. ./shoplake "
                            + "ingest ...)\n");
        }
        assertThat(lake).doesNotExist();

        lake = Files.writeString(dir.resolve("a-file"), "not a lake");
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.writeString(drop.resolve("customers.csv"), header("customers"));
        for (String[] command : new String[][] {{"tables"}, {"ingest", "orders", "--from", drop.toString()}}) {
            CliResult result = cli(command);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(result.err())
                    .isEqualTo("error: the lake must be a folder, but " + lake.toAbsolutePath() + " is a file (check "
                            + "--lake, $SHOPLAKE_LAKE or lake: in shoplake.yaml)\n");
        }
    }

    @Test
    void aStepThatStartedAndNeverEndedShowsAsUnfinished() {
        Lakehouse lakehouse = TestSpark.freshLake(lake);
        RunLedger ledger = new RunLedger(lakehouse);
        Instant started = Instant.parse("2026-01-02T03:04:05Z");
        ledger.record(new StepRun(
                "run-killed",
                "ingest-orders",
                "load bronze.orders from orders.csv",
                Optional.empty(),
                started,
                started,
                StepStatus.STARTED,
                new StepCounts(0, 0, 0),
                Map.of(),
                Map.of(),
                Optional.empty()));
        ledger.step(
                "run-ok",
                "ingest-orders",
                "load bronze.customers from customers.csv",
                Optional.empty(),
                java.util.List.of(),
                java.util.List.of(),
                () -> new StepCounts(2, 2, 0));

        CliResult runs = cli("runs", "--json");

        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out())
                .contains("\"run_id\":\"run-killed\"")
                .contains("\"status\":\"UNFINISHED\"")
                .contains("\"status\":\"SUCCEEDED\"")
                .doesNotContain("\"status\":\"STARTED\"");
        // ops.runs keeps one row per ended step; starts are kept apart.
        assertThat(lakehouse.read(RunLedger.RUNS).where("run_id = 'run-ok'").count())
                .isEqualTo(1);
        assertThat(lakehouse.read(RunLedger.RUN_STARTS).count()).isEqualTo(2);
    }

    @Test
    void anUnsupportedJdbcUrlIsEchoedWithoutItsPassword() {
        CliResult result = cli("ingest", "orders", "--jdbc", "jdbc:oracle:thin:scott/tiger@db:1521/orcl");
        assertThat(result.err())
                .contains("jdbc:oracle:thin:scott/***@db:1521/orcl")
                .doesNotContain("tiger");
        assertThat(result.exitCode()).isEqualTo(2);
    }
}
