package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.DqResults;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilverOrdersBuildTest {

    static void writeBronze(Lakehouse lake) {
        lake.append(
                OrderSources.bronze("customers"),
                BronzeRows.of("customers")
                        .row(Map.of("id", "1", "last_name", "Gray"), "run-1", "2017-01-01T00:00:00Z", 2)
                        .row(Map.of("id", "2", "last_name", "Cooper"), "run-1", "2017-01-01T00:00:00Z", 3)
                        .row(Map.of("id", "", "last_name", "Nobody"), "run-1", "2017-01-01T00:00:00Z", 4)
                        .row(Map.of("id", "1", "last_name", "Gray-Smith"), "run-2", "2017-02-01T00:00:00Z", 2)
                        .dataset());
        lake.append(
                OrderSources.bronze("employees"),
                BronzeRows.of("employees").row(Map.of("id", "201")).dataset());
        lake.append(
                OrderSources.bronze("products"),
                BronzeRows.of("products")
                        .row(Map.of("id", "601", "product_name", "Camera", "list_price", "23.39"))
                        .row(Map.of("id", "602", "product_name", "Phone", "list_price", "-1"))
                        .dataset());
        lake.append(
                OrderSources.bronze("orders"),
                BronzeRows.of("orders")
                        .row(Map.of("id", "10", "customer_id", "1", "employee_id", "201", "order_date", "2017-03-01"))
                        .row(Map.of("id", "11", "customer_id", "3", "order_date", "2017-03-02"))
                        .row(Map.of("id", "12", "customer_id", "1", "order_date", "2017-02-30"))
                        .row(Map.of("id", "13", "customer_id", "2", "order_date", "2017-03-03", "shipping_fee", "5.00"))
                        .dataset());
        lake.append(
                OrderSources.bronze("order_details"),
                BronzeRows.of("order_details")
                        .row(Map.of("order_id", "10", "product_id", "601", "quantity", "2", "unit_price", "10"))
                        .row(Map.of("order_id", "11", "product_id", "601", "quantity", "1", "unit_price", "10"))
                        .row(Map.of("order_id", "13", "product_id", "602", "quantity", "1", "unit_price", "10"))
                        .row(Map.of("order_id", "13", "product_id", "601", "quantity", "3", "unit_price", "10"))
                        .row(
                                Map.of("order_id", "13", "product_id", "601", "quantity", "9", "unit_price", "10"),
                                "run-0",
                                "2016-01-01T00:00:00Z",
                                99)
                        .dataset());
    }

    static List<String> rows(Lakehouse lake, TableId table) {
        Dataset<Row> rows = lake.read(table);
        return rows.collectAsList().stream()
                .map(r -> Arrays.stream(rows.columns())
                        .map(c -> String.valueOf(r.<Object>getAs(c)))
                        .collect(Collectors.joining("|")))
                .sorted()
                .toList();
    }

    static List<String> quarantined(Lakehouse lake, TableId table) {
        return new Quarantine(lake)
                .of(table).collectAsList().stream()
                        .map(r -> r.getAs("source") + ":" + r.getAs("line") + " " + r.getAs("reason"))
                        .sorted()
                        .toList();
    }

    @Test
    void buildsEveryTableReconcilesAndRebuildsIdentically(@TempDir Path dir) {
        Lakehouse lake = TestSpark.freshLake(dir);
        writeBronze(lake);
        RunLedger runs = new RunLedger(lake);
        SilverOrdersBuild build = new SilverOrdersBuild(lake, runs);

        SilverBuildReport first = build.build("run-a", Optional.empty());

        assertThat(first.tables())
                .extracting(t -> t.table() + " " + t.rowsIn() + " = " + t.rowsOut() + " + " + t.duplicatesSuperseded()
                        + " + " + t.quarantined())
                .containsExactly(
                        "silver.customers 4 = 2 + 1 + 1",
                        "silver.employees 1 = 1 + 0 + 0",
                        "silver.products 2 = 1 + 0 + 1",
                        "silver.orders 4 = 2 + 0 + 2",
                        "silver.order_items 5 = 2 + 1 + 2");
        assertThat(lake.read(SilverCustomers.TABLE).orderBy("customer_id").collectAsList())
                .extracting(r -> r.getAs("customer_id") + " " + r.getAs("last_name"))
                .containsExactly("1 Gray-Smith", "2 Cooper");
        assertThat(lake.read(SilverOrderItems.TABLE).orderBy("order_id").collectAsList())
                .extracting(r -> r.getAs("order_id") + "/" + r.getAs("product_id") + " " + r.getAs("quantity"))
                .containsExactly("10/601 2", "13/601 3");
        assertThat(quarantined(lake, SilverCustomers.TABLE)).containsExactly("customers.csv:4 customer_id: is missing");
        assertThat(quarantined(lake, SilverOrders.TABLE))
                .containsExactly(
                        "orders.csv:3 customer_id: no such customers.customer_id: 3",
                        "orders.csv:4 order_date: not a valid date: 2017-02-30");
        assertThat(quarantined(lake, SilverOrderItems.TABLE))
                .containsExactly(
                        "order_details.csv:3 order_id: no such orders.order_id: 11",
                        "order_details.csv:4 product_id: no such products.product_id: 602");
        Row rawOrder =
                new Quarantine(lake).of(SilverOrders.TABLE).where("line = 4").first();
        assertThat(rawOrder.<String>getAs("raw_record"))
                .startsWith(
                        "{\"id\":\"12\",\"employee_id\":null,\"customer_id\":\"1\"," + "\"order_date\":\"2017-02-30\"");
        assertThat(rawOrder.<String>getAs("run_id")).isEqualTo("run-a");

        List<Row> steps =
                runs.history().where("run_id = 'run-a'").orderBy("started_at").collectAsList();
        assertThat(steps)
                .extracting(r -> r.getAs("job") + " " + r.getAs("step") + " " + r.getAs("status") + " "
                        + r.getAs("rows_in") + " " + r.getAs("rows_out") + " " + r.getAs("rows_quarantined") + " "
                        + r.getAs("as_of"))
                .containsExactly(
                        "orders silver.customers SUCCEEDED 4 3 1 2017-03-03",
                        "orders silver.employees SUCCEEDED 1 1 0 2017-03-03",
                        "orders silver.products SUCCEEDED 2 1 1 2017-03-03",
                        "orders silver.orders SUCCEEDED 4 2 2 2017-03-03",
                        "orders silver.order_items SUCCEEDED 5 3 2 2017-03-03");
        Map<String, Long> superseded = new DqResults(lake)
                .all().where("expectation = 'duplicates_superseded'").collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getAs("table_name"), r -> r.getAs("rows_failed")));
        assertThat(superseded)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "silver.customers",
                        1L,
                        "silver.employees",
                        0L,
                        "silver.products",
                        0L,
                        "silver.orders",
                        0L,
                        "silver.order_items",
                        1L));
        assertThat(new DqResults(lake)
                        .all()
                        .where("expectation = 'orders_fresh'")
                        .first()
                        .<Long>getAs("rows_failed"))
                .isZero();

        List<List<String>> before = List.of(
                rows(lake, SilverCustomers.TABLE),
                rows(lake, SilverEmployees.TABLE),
                rows(lake, SilverProducts.TABLE),
                rows(lake, SilverOrders.TABLE),
                rows(lake, SilverOrderItems.TABLE));
        build.build("run-b", Optional.empty());
        List<List<String>> after = List.of(
                rows(lake, SilverCustomers.TABLE),
                rows(lake, SilverEmployees.TABLE),
                rows(lake, SilverProducts.TABLE),
                rows(lake, SilverOrders.TABLE),
                rows(lake, SilverOrderItems.TABLE));
        assertThat(after).isEqualTo(before);
        assertThat(quarantined(lake, SilverOrders.TABLE)).hasSize(2);
        assertThat(runs.history().count()).isEqualTo(10);

        // A newer delivery of order 13 replaces it in place.
        lake.append(
                OrderSources.bronze("orders"),
                BronzeRows.of("orders")
                        .row(
                                Map.of(
                                        "id",
                                        "13",
                                        "customer_id",
                                        "2",
                                        "order_date",
                                        "2017-03-03",
                                        "shipping_fee",
                                        "7.50"),
                                "run-3",
                                "2017-04-01T00:00:00Z",
                                2)
                        .dataset());
        SilverBuildReport third = build.build("run-c", Optional.of(java.time.LocalDate.of(2017, 3, 20)));
        assertThat(lake.read(SilverOrders.TABLE).orderBy("order_id").collectAsList())
                .extracting(r -> r.getAs("order_id") + " " + r.getAs("shipping_fee"))
                .containsExactly("10 null", "13 7.50");
        assertThat(third.tables().get(3).duplicatesSuperseded()).isEqualTo(1);
        // As of 2017-03-20 the latest order (03-03) is 17 days old: the freshness warning fires.
        assertThat(third.tables().get(3).warnings()).containsEntry("orders_fresh", 2L);
    }
}
