package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.cli.Main;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Northwind data end to end: CSVs read as bronze strings, silver built, the report run, every figure
 * compared with {@link NorthwindFigures}, computed from the files with plain Java.
 */
class NorthwindEndToEndTest {

    private static final LocalDate LATEST = LocalDate.of(2017, 3, 16);

    private static void assertMatches(OrderPatternReport report, NorthwindFigures expected) {
        assertThat(report.orders()).isEqualTo(expected.orders());
        assertThat(report.ordersByWeekday()).containsExactlyEntriesOf(expected.ordersByWeekday());
        assertThat(report.busiestWeekday())
                .extracting(OrderPatternReport.WeekdayOrders::weekday)
                .containsExactlyElementsOf(expected.busiestWeekdays());
        assertThat(report.busiestWeekday())
                .allSatisfy(d -> assertThat(d.orders()).isEqualTo(expected.busiestWeekdayOrders()));
        assertThat(report.timeOfDay().hasTimeOfDay()).isFalse();
        Map<String, Long> products = new TreeMap<>();
        report.firstOrderProducts().forEach(p -> products.put(p.product(), p.count()));
        assertThat(products).containsExactlyEntriesOf(expected.firstOrderProducts());
        var gaps = report.repurchaseIntervalDays();
        assertThat(gaps.gaps()).isEqualTo(expected.gaps());
        assertThat(gaps.mean()).isEqualTo(expected.mean());
        assertThat(gaps.median()).isEqualTo(expected.median());
        assertThat(gaps.p25()).isEqualTo(expected.p25());
        assertThat(gaps.p75()).isEqualTo(expected.p75());
        assertThat(gaps.meanOfCustomerMeans()).isCloseTo(expected.meanOfCustomerMeans(), within(0.0051));
        assertThat(report.duplicateOrdersOnLatestDate()).isEqualTo(expected.duplicates());
    }

    @Test
    void buildsSilverAndReportsTheFiguresTheFilesGive(@TempDir Path dir) throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir);
        NorthwindBronze.writeTo(lake);
        RunLedger runs = new RunLedger(lake);

        SilverBuildReport build = new SilverOrdersBuild(lake, runs).build("run-nw", Optional.empty());

        // SOURCE.md: 100 customers, 20 employees, 10 products, 600 orders, 700 order details, all consistent;
        // 8 detail lines have a discount above the line total (awk over the file).
        Map<String, String> counts = new LinkedHashMap<>();
        build.tables()
                .forEach(t -> counts.put(
                        t.table(),
                        t.rowsIn() + "/" + t.rowsOut() + "/" + t.duplicatesSuperseded() + "/" + t.quarantined()));
        assertThat(counts)
                .containsExactly(
                        Map.entry("silver.customers", "100/100/0/0"),
                        Map.entry("silver.employees", "20/20/0/0"),
                        Map.entry("silver.products", "10/10/0/0"),
                        Map.entry("silver.orders", "600/600/0/0"),
                        Map.entry("silver.order_items", "700/700/0/0"));
        assertThat(build.asOf()).isEqualTo(LATEST);
        assertThat(build.tables().get(4).warnings()).containsEntry("line_amount_not_negative", 8L);
        assertThat(new Quarantine(lake).of(SilverOrderItems.TABLE).count()).isZero();
        assertThat(lake.sql("SELECT count(*) FROM " + lake.sqlName(SilverOrders.TABLE)
                                + " WHERE ordered_at <> CAST(order_date AS TIMESTAMP)")
                        .first()
                        .getLong(0))
                .isZero();

        OrderPatternReport report = new OrderPatternsJob(lake, runs).run("run-nw-report", Optional.empty());
        assertThat(report.asOf()).isEqualTo(LATEST);
        assertMatches(report, NorthwindFigures.compute(LATEST));

        LocalDate midYear = LocalDate.of(2016, 9, 30);
        OrderPatternReport earlier = new OrderPatternsJob(lake, runs).run("run-nw-report-2", Optional.of(midYear));
        assertMatches(earlier, NorthwindFigures.compute(midYear));
        List<Row> gold = lake.read(OrderPatternsJob.TABLE).orderBy("as_of").collectAsList();
        assertThat(gold)
                .extracting(r -> r.getAs("as_of").toString() + " " + r.getAs("orders"))
                .containsExactly(midYear + " " + earlier.orders(), LATEST + " 600");
        assertThat(gold.get(1).<String>getAs("report_json")).isEqualTo(report.toJson());
    }

    @Test
    void theCliIngestsBuildsAndReportsTheFiguresTheFilesGive(@TempDir Path dir) throws Exception {
        TestSpark.spark(); // the CLI's Workspace borrows the JVM's running session
        String lake = dir.resolve("lake").toString();
        Run noLake = cli("report", "order-patterns", "--lake", lake);
        assertThat(noLake.code()).isEqualTo(Main.USAGE);
        assertThat(noLake.err().strip()).startsWith("error: no lake at " + lake + " (it has no warehouse/ folder");

        Run ingest = cli(
                "ingest",
                "orders",
                "--from",
                SharedData.require("northwind-orders").toString(),
                "--lake",
                lake);
        assertThat(ingest.code()).as(ingest.err()).isZero();

        Run beforeBuild = cli("report", "order-patterns", "--lake", lake);
        assertThat(beforeBuild.code()).isEqualTo(Main.RUN_FAILED);
        assertThat(beforeBuild.err().strip())
                .isEqualTo("error: table silver.orders does not exist yet: run ./shoplake build orders first");

        Run build = cli("build", "orders", "--lake", lake, "--json");
        assertThat(build.code()).as(build.err()).isZero();
        JsonNode built = new ObjectMapper().readTree(build.out());
        List<String> tables = new ArrayList<>();
        built.get("tables")
                .forEach(t -> tables.add(t.get("table").asText() + " " + t.get("rows_in") + " " + t.get("rows_out")
                        + " " + t.get("duplicates_superseded") + " " + t.get("quarantined")));
        assertThat(tables)
                .containsExactly(
                        "silver.customers 100 100 0 0",
                        "silver.employees 20 20 0 0",
                        "silver.products 10 10 0 0",
                        "silver.orders 600 600 0 0",
                        "silver.order_items 700 700 0 0");

        Run report = cli("report", "order-patterns", "--lake", lake, "--json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        NorthwindFigures expected = NorthwindFigures.compute(LATEST);
        assertThat(json.get("as_of").asText()).isEqualTo("2017-03-16");
        assertThat(json.get("orders").asLong()).isEqualTo(expected.orders());
        Map<String, Long> byWeekday = new LinkedHashMap<>();
        json.get("orders_by_weekday")
                .fields()
                .forEachRemaining(e -> byWeekday.put(e.getKey(), e.getValue().asLong()));
        assertThat(byWeekday).containsExactlyEntriesOf(expected.ordersByWeekday());
        List<String> busiest = new ArrayList<>();
        json.get("busiest_weekday")
                .forEach(d -> busiest.add(
                        d.get("weekday").asText() + " " + d.get("orders").asLong()));
        assertThat(busiest)
                .containsExactlyElementsOf(expected.busiestWeekdays().stream()
                        .map(d -> d + " " + expected.busiestWeekdayOrders())
                        .toList());
        assertThat(json.get("time_of_day").get("has_time_of_day").asBoolean()).isFalse();
        assertThat(json.get("time_of_day").get("busiest_hour")).isEmpty();
        Map<String, Long> products = new TreeMap<>();
        json.get("first_order_products")
                .forEach(p ->
                        products.put(p.get("product").asText(), p.get("count").asLong()));
        assertThat(products).containsExactlyEntriesOf(expected.firstOrderProducts());
        JsonNode gaps = json.get("repurchase_interval_days");
        assertThat(gaps.get("gaps").asLong()).isEqualTo(expected.gaps());
        assertThat(gaps.get("mean").asDouble()).isEqualTo(expected.mean());
        assertThat(gaps.get("median").asDouble()).isEqualTo(expected.median());
        assertThat(gaps.get("p25").asDouble()).isEqualTo(expected.p25());
        assertThat(gaps.get("p75").asDouble()).isEqualTo(expected.p75());
        assertThat(gaps.get("mean_of_customer_means").asDouble())
                .isCloseTo(expected.meanOfCustomerMeans(), within(0.0051));
        assertThat(json.get("duplicate_orders_on_latest_date").asLong()).isEqualTo(expected.duplicates());

        // Ingesting the same folder again loads nothing new; the build then has no new bronze rows to read, and the
        // silver tables and the report are unchanged.
        assertThat(cli(
                                "ingest",
                                "orders",
                                "--from",
                                SharedData.require("northwind-orders").toString(),
                                "--lake",
                                lake)
                        .code())
                .isZero();
        Run rebuilt = cli("build", "orders", "--lake", lake);
        assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).containsPattern("(?m)^silver\\.orders +0 +0 +0 +0$");
        assertThat(cli("sql", "SELECT count(*) AS n FROM silver.orders", "--lake", lake, "--csv")
                        .out())
                .isEqualTo("n\n600\n");
        Run human = cli("report", "order-patterns", "--lake", lake, "--as-of", "2017-03-16");
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out())
                .contains(
                        "Order patterns as of 2017-03-16: 600 orders",
                        "time of day: the data holds no time of day (every order is at midnight)",
                        "duplicate orders on latest date: " + expected.duplicates());
        assertThat(cli("sql", "SELECT count(*) AS n FROM gold.order_patterns", "--lake", lake, "--csv")
                        .out())
                .isEqualTo("n\n1\n");

        Run bad = cli("report", "order-patterns", "--lake", lake, "--as-of", "2017-02-30");
        assertThat(bad.code()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains("2017-02-30");
    }

    private record Run(int code, String out, String err) {}

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
