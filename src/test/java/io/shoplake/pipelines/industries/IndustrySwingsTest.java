package io.shoplake.pipelines.industries;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swings on a small history computed by hand (see the comments): window (2023-03-30T12:00Z, 2023-03-31T12:00Z],
 * baseline (2023-02-28T12:00Z, 2023-03-30T12:00Z], averages over 30 days.
 */
class IndustrySwingsTest {

    @TempDir
    Path dir;

    static final String CUSTOMERS = """
            customer_id,company_name,specialized_industries
            c1,Acme,"Food;Polymer"
            c2,Bolt,"Cosmetics"
            c3,Cray,
            c4,Dyna,"ploymer "
            c5,Echo,"Colours;Plastics"
            """;

    /** Ten orders and five bad or repeated messages. */
    static final List<String> ORDERS = List.of(
            // window: c1 (Food, Polymer) 100.00 at the as-of itself (no offset: UTC)
            order("o1", "c1", "2023-03-31T12:00:00", "100.00", line("p1", "10", "10.00")),
            // window: c2 (Cosmetics) 50.00 at 08:00Z written with +02:00
            order("o2", "c2", "2023-03-31T10:00:00+02:00", "50.00", line("p1", "5", "10.00")),
            // baseline: c1 300.00 exactly at the window's start (the window excludes it, the baseline includes it)
            order(
                    "o3",
                    "c1",
                    "2023-03-30T12:00:00Z",
                    "300.00",
                    line("p1", "1", "100.00"),
                    line("p2", "2", "50.00"),
                    line("p3", "4", "25.00")),
            // baseline: c4 (Polymer, corrected from 'ploymer ') 60.00 at 05:00Z written with -05:00
            order("o4", "c4", "2023-03-15T00:00:00-05:00", "60.00", line("p2", "3", "20.00")),
            // outside: exactly at the baseline's start (excluded)
            order("o5", "c2", "2023-02-28T12:00:00", "1000.00", line("p1", "100", "10.00")),
            // baseline: c5 (Colours; 'Plastics' quarantined) 90.00
            order("o6", "c5", "2023-03-10T08:00:00", "90.00", line("p1", "9", "10.00")),
            // window, not ranked: c3 has no industry; c9 is not a known customer
            order("o7", "c3", "2023-03-31T01:00:00", "20.00", line("p1", "2", "10.00")),
            order("o8", "c9", "2023-03-31T02:00:00", "30.00", line("p1", "3", "10.00")),
            // duplicate of o1 (another amount: the first copy counts, this one is quarantined)
            order("o1", "c1", "2023-03-31T12:00:00", "200.00", line("p1", "20", "10.00")),
            // amount mismatch: 70.00 against lines of 60.00
            order("o9", "c2", "2023-03-31T03:00:00", "70.00", line("p1", "6", "10.00")),
            // window: within the 0.01 tolerance: 40.01 against 40.00
            order("o10", "c2", "2023-03-31T04:00:00", "40.01", line("p1", "4", "10.00")),
            // baseline: c2 at 2023-02-28T23:00Z written with +01:00
            order("o11", "c2", "2023-03-01T00:00:00+01:00", "150.00", line("p1", "15", "10.00")),
            "{\"order_id\": \"o12\", \"customer_id\": ",
            order("o13", "c2", "2023-03-31T05:00:00", "-10.00", line("p1", "1", "-10.00")),
            order("o14", "c2", null, "10.00", line("p1", "1", "10.00")));

    @Test
    void swingsOfASmallHistoryAreTheHandComputedOnes() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        load(lake, dir);

        IndustrySwingsJob.Result result = new IndustrySwingsJob(lake).run(Optional.empty(), 24, 30, "run-1");

        assertThat(result.asOf()).isEqualTo(Instant.parse("2023-03-31T12:00:00Z"));
        // industry, window amount, window orders, baseline daily average, change, change_pct
        assertThat(result.swings().stream().map(IndustrySwingsTest::describe).toList())
                .containsExactly(
                        "1 Food 100 1 10 90 9.0", // baseline o3 300 / 30 = 10
                        "2 Polymer 100 1 12 88 7.333333", // baseline o3 300 + o4 60 = 360 / 30 = 12
                        "3 Cosmetics 90.01 2 5 85.01 17.002", // window o2 50 + o10 40.01; baseline o11 150 / 30
                        "4 Colours 0 0 3 -3 -1.0", // no orders in the window: a drop of its average day
                        "5 Agriculture 0 0 0 0 null",
                        "6 Cleaning 0 0 0 0 null",
                        "7 Construction 0 0 0 0 null",
                        "8 Lubricants 0 0 0 0 null",
                        "9 Oil&Gas 0 0 0 0 null",
                        "10 Pharmaceuticals 0 0 0 0 null");
        IndustrySwingsJob.Unassigned unassigned = result.unassigned();
        assertThat(List.of(
                        unassigned.windowOrders(),
                        unassigned.windowAmount().stripTrailingZeros().toPlainString(),
                        unassigned.baselineOrders(),
                        unassigned.customers()))
                .containsExactly(2L, "50", 0L, 2L); // o7 20 + o8 30
    }

    @Test
    void badMessagesAreQuarantinedAndAReRunReplacesItsAsOf() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        load(lake, dir);
        new IndustrySwingsJob(lake).run(Optional.empty(), 24, 30, "run-1");
        List<String> reasons = new Quarantine(lake)
                .of(IndustryTables.ORDERS).orderBy("line").collectAsList().stream()
                        .map(r -> r.getLong(1) + " "
                                + r.getString(3)
                                        .replaceAll(" at .*#[0-9a-f]{12}:", " at #:")
                                        .replaceAll(
                                                "^unparsable JSON: Unexpected end-of-input.*", "unparsable JSON: end"))
                        .toList();
        assertThat(reasons)
                .containsExactly(
                        "9 duplicate order_id: first received at #:1",
                        "10 amount 70.00 differs from the lines' total 60 by more than 0.01",
                        "13 unparsable JSON: end",
                        "14 negative price on order line 1: -10.0000",
                        "15 missing timestamp");

        // A re-run replaces its as-of's rows; another as-of is kept apart.
        IndustrySwingsJob job = new IndustrySwingsJob(lake);
        job.run(Optional.empty(), 24, 30, "run-2");
        // As of 2023-03-31T03:00Z the window (03-30 03:00, 03-31 03:00] holds o3 (Food, Polymer 300), o7, o8; the
        // baseline (02-28 03:00, 03-30 03:00] holds o4 (Polymer 60), o5 and o11 (Cosmetics 1000 + 150), o6.
        IndustrySwingsJob.Result earlier = job.run(Optional.of(Instant.parse("2023-03-31T03:00:00Z")), 24, 30, "run-3");

        List<Row> rows = lake.read(IndustryTables.SWINGS).collectAsList();
        assertThat(rows).hasSize(20);
        assertThat(rows.stream()
                        .map(r -> r.<String>getAs("run_id"))
                        .distinct()
                        .sorted()
                        .toList())
                .containsExactly("run-2", "run-3");
        assertThat(earlier.top(3).stream().map(IndustrySwingsTest::describe).toList())
                .containsExactly(
                        "1 Food 300 1 0 300 null", // no baseline: no change_pct
                        "2 Polymer 300 1 2 298 149.0",
                        "3 Cosmetics 0 0 38.333333 -38.333333 -1.0");
        assertThat(job.read(Optional.empty()).orElseThrow().asOf()).isEqualTo(Instant.parse("2023-03-31T12:00:00Z"));
    }

    static void load(Lakehouse lake, Path dir) throws Exception {
        Path orders = dir.resolve("orders.jsonl");
        Files.writeString(orders, String.join("\n", ORDERS) + "\n");
        load(lake, dir, orders);
    }

    /** The customers above and an orders file. */
    static void load(Lakehouse lake, Path dir, Path orders) throws Exception {
        Files.createDirectories(dir);
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, CUSTOMERS);
        new CustomersIngest(lake).ingest(customers, Optional.empty(), "customers-run");
        new OrdersFileIngest(lake).ingest(orders, "orders-run");
    }

    static String describe(IndustrySwingsJob.Swing s) {
        return s.rank() + " " + s.industry() + " " + plain(s.windowAmount()) + " " + s.windowOrders() + " "
                + plain(s.baselineDailyAvg()) + " " + plain(s.change()) + " "
                + (s.changePct() == null ? "null" : String.valueOf(Math.round(s.changePct() * 1e6) / 1e6));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static String order(String id, String customer, String timestamp, String amount, String... lines) {
        return "{\"order_id\": \"" + id + "\", \"customer_id\": \"" + customer + "\", \"order_lines\": ["
                + String.join(", ", lines) + "], \"amount\": " + amount
                + (timestamp == null ? "" : ", \"timestamp\": \"" + timestamp + "\"") + "}";
    }

    static String line(String product, String volume, String price) {
        return "{\"product_id\": \"" + product + "\", \"volume\": " + volume + ", \"price\": " + price + "}";
    }
}
