package io.shoplake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.orders.OrderPatternReport;
import io.shoplake.pipelines.orders.SilverBuildReport;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import io.shoplake.testing.TestSpark;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo on a small shop, with a real embedded MariaDB and Spark. Expected rows come from the MySQL load's
 * own counts and the generator's design (every customer, employee and product has one clean row), not from the
 * lake.
 */
class DemoTest {

    @TempDir
    Path temp;

    @Test
    void runsEveryStepAndEveryRowEndsInSilverOrQuarantine() {
        Path lakeDirectory = temp.resolve("demo-lake");
        DemoSettings settings = new DemoSettings(lakeDirectory, 80, 42, 0.05, false);
        AtomicReference<Lakehouse> lake = new AtomicReference<>();
        AtomicReference<SilverBuildReport> silver = new AtomicReference<>();
        AtomicReference<OrderPatternReport> patterns = new AtomicReference<>();
        StringWriter text = new StringWriter();
        DemoResult result = Demo.run(
                settings,
                () -> {
                    lake.set(TestSpark.freshLake(lakeDirectory));
                    return lake.get();
                },
                new PrintWriter(text),
                new BufferedReader(new StringReader("")),
                new DemoReporter() {
                    @Override
                    public void silverBuilt(PrintWriter out, SilverBuildReport report) {
                        silver.set(report);
                        out.println("silver built");
                    }

                    @Override
                    public void orderPatterns(PrintWriter out, OrderPatternReport report) {
                        patterns.set(report);
                        out.println("patterns reported");
                    }
                });

        assertThat(result.timings())
                .extracting(Demo.StepTiming::name)
                .isEqualTo(Demo.selectedSteps(Set.of(), Set.of()).stream()
                        .map(Demo.Step::name)
                        .toList());
        String output = text.toString();
        assertThat(output)
                .contains(
                        "== 1/" + Demo.selectedSteps(Set.of(), Set.of()).size() + " start embedded MariaDB and MongoDB")
                .doesNotContain("versions opened") // customer 360 and memberships run on request only
                .doesNotContain("-applications-1")
                .contains("silver built")
                .contains("patterns reported")
                .contains("quarantined, by reason")
                .contains("   dashboard: `./shoplake serve --lake " + lakeDirectory
                        + "`, then open http://127.0.0.1:8080/");
        // The seeded demo fits BG/NBD and publishes its ten most likely buyers to MongoDB.
        assertThat(output)
                .doesNotContain("no prediction")
                .contains(" next 7 days): 10 customers; 10 published to ")
                .contains("documents in shoplake.next_order_predictions: 10\n");
        List<String> published = List.of(output.lines()
                .filter(line -> line.contains("published customers, most likely first: "))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*most likely first: ", "")
                .split(", "));
        // They are the top ten of gold.next_order_predictions, ranked here by hand (probability, then id).
        List<String> topTen = lake.get().read(TableId.gold("next_order_predictions")).collectAsList().stream()
                .sorted(Comparator.comparing((Row r) -> -r.<Double>getAs("p_order_in_horizon"))
                        .thenComparing(r -> r.<String>getAs("customer_id")))
                .limit(10)
                .map(r -> r.<String>getAs("customer_id"))
                .toList();
        assertThat(published).hasSize(10).isEqualTo(topTen);
        // The industries step: every reference industry ranked against its 30-day norm, the top 3 printed.
        assertThat(output).contains("top 3 industry swings as of ");
        assertThat(lake.get()
                        .read(io.shoplake.pipelines.industries.IndustryTables.SWINGS)
                        .select("industry")
                        .distinct()
                        .count())
                .isEqualTo(10);

        Lakehouse lakehouse = lake.get();
        // customers, employees and products: one clean row per id survives MySQL's checks and silver's
        assertThat(lakehouse.read(TableId.silver("customers")).count()).isEqualTo(80);
        assertThat(lakehouse.read(TableId.silver("employees")).count()).isEqualTo(20);
        assertThat(lakehouse.read(TableId.silver("products")).count()).isEqualTo(200);
        // bronze holds exactly what MySQL held after its load
        MysqlLoadResult mysql = result.mysqlLoad().orElseThrow();
        assertThat(lakehouse.read(TableId.bronze("orders")).count())
                .isEqualTo(mysql.table("orders").tableRows());
        assertThat(lakehouse.read(TableId.bronze("order_details")).count())
                .isEqualTo(mysql.table("order_details").tableRows());
        // MySQL typed and referenced every order, so silver keeps them all; order items with negative numbers
        // (which a typed database accepts) are quarantined, nothing else
        assertThat(lakehouse.read(TableId.silver("orders")).count())
                .isEqualTo(mysql.table("orders").tableRows());
        long items = lakehouse.read(TableId.silver("order_items")).count();
        long quarantinedItems =
                lakehouse.read(TableId.parse("quarantine.silver_order_items")).count();
        assertThat(items + quarantinedItems)
                .isEqualTo(mysql.table("order_details").tableRows());
        assertThat(quarantinedItems).isPositive();
        assertThat(patterns.get().orders()).isEqualTo(mysql.table("orders").tableRows());

        // the services were stopped: MariaDB no longer accepts connections
        String url = output.lines()
                .filter(l -> l.contains("MariaDB (MySQL protocol): "))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*MariaDB \\(MySQL protocol\\): (\\S+).*", "$1");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "").close())
                .isInstanceOf(java.sql.SQLException.class);
    }
}
