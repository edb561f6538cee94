package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableChanges;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilverIncrementalBuildTest {

    private static final List<TableId> SILVER = List.of(
            SilverCustomers.TABLE,
            SilverEmployees.TABLE,
            SilverProducts.TABLE,
            SilverOrders.TABLE,
            SilverOrderItems.TABLE);

    /**
     * A small drop after the history: customer 3 arrives (so order 11 and its item, quarantined so far, become valid),
     * product 602 is re-delivered with a valid price (so item 13/602 becomes valid), order 13 and item 10/601 are
     * re-delivered, and new order 14 has an invalid date, a new order has no id, new item 14/601 belongs to order 14.
     */
    private static void writeDrop(Lakehouse lake) {
        String run = "run-9";
        String at = "2017-05-01T00:00:00Z";
        lake.append(
                OrderSources.bronze("customers"),
                BronzeRows.of("customers")
                        .row(Map.of("id", "3", "last_name", "Lee"), run, at, 2)
                        .dataset());
        lake.append(
                OrderSources.bronze("products"),
                BronzeRows.of("products")
                        .row(Map.of("id", "602", "product_name", "Phone", "list_price", "5"), run, at, 2)
                        .dataset());
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
                                run,
                                at,
                                2)
                        .row(Map.of("id", "14", "customer_id", "2", "order_date", "2017-13-01"), run, at, 3)
                        .row(Map.of("id", "", "customer_id", "2", "order_date", "2017-03-04"), run, at, 4)
                        .dataset());
        lake.append(
                OrderSources.bronze("order_details"),
                BronzeRows.of("order_details")
                        .row(
                                Map.of("order_id", "14", "product_id", "601", "quantity", "1", "unit_price", "10"),
                                run,
                                at,
                                2)
                        .row(
                                Map.of("order_id", "10", "product_id", "601", "quantity", "5", "unit_price", "10"),
                                run,
                                at,
                                3)
                        .dataset());
    }

    private static List<List<String>> silverTables(Lakehouse lake) {
        List<List<String>> tables = new ArrayList<>();
        for (TableId table : SILVER) {
            tables.add(SilverOrdersBuildTest.rows(lake, table));
            tables.add(SilverOrdersBuildTest.quarantined(lake, table));
        }
        return tables;
    }

    @Test
    void aBuildAfterASmallDropReadsOnlyWhatItTouchesAndEqualsAFullRebuild(@TempDir Path dir) {
        Lakehouse full = TestSpark.freshLake(dir.resolve("full"));
        SilverOrdersBuildTest.writeBronze(full);
        writeDrop(full);
        new SilverOrdersBuild(full, new RunLedger(full)).build("run-full", Optional.empty());
        List<List<String>> rebuilt = silverTables(full);

        Lakehouse lake = TestSpark.freshLake(dir.resolve("incremental"));
        SilverOrdersBuildTest.writeBronze(lake);
        SilverOrdersBuild build = new SilverOrdersBuild(lake, new RunLedger(lake));
        build.build("run-a", Optional.empty());
        writeDrop(lake);
        SilverBuildReport incremental = build.build("run-b", Optional.empty());

        assertThat(silverTables(lake)).isEqualTo(rebuilt);
        // Worked out by hand from the drop: the rows of the touched keys only (a full build reads 5, 1, 3, 7, 7).
        // customers: key 3 (1 row); products: key 602 (2 rows); orders: 13 (2 rows), 14, the id-less row and 11,
        // whose customer arrived; items: 14/601, 10/601 (2 rows), 11/601 (order 11 entered silver), 13/602 (product
        // 602 did). Not 13/601: order 13 was re-delivered but stayed in silver, so its items cannot change.
        assertThat(incremental.tables())
                .extracting(t -> t.table() + " " + t.rowsIn() + " = " + t.rowsOut() + " + " + t.duplicatesSuperseded()
                        + " + " + t.quarantined())
                .containsExactly(
                        "silver.customers 1 = 1 + 0 + 0",
                        "silver.employees 0 = 0 + 0 + 0",
                        "silver.products 2 = 1 + 1 + 0",
                        "silver.orders 5 = 2 + 1 + 2",
                        "silver.order_items 5 = 3 + 1 + 1");
        assertThat(full.read(SilverOrders.TABLE).orderBy("order_id").collectAsList())
                .extracting(r -> r.getAs("order_id") + " " + r.getAs("shipping_fee"))
                .containsExactly("10 null", "11 null", "13 7.50");
        assertThat(full.read(SilverOrderItems.TABLE)
                        .orderBy("order_id", "product_id")
                        .collectAsList())
                .extracting(r -> r.getAs("order_id") + "/" + r.getAs("product_id") + " " + r.getAs("quantity"))
                .containsExactly("10/601 5", "11/601 1", "13/601 3", "13/602 1");
    }

    @Test
    void aBuildWithNoNewBronzeRowsChangesNoTable(@TempDir Path dir) {
        Lakehouse lake = TestSpark.freshLake(dir);
        SilverOrdersBuildTest.writeBronze(lake);
        SilverOrdersBuild build = new SilverOrdersBuild(lake, new RunLedger(lake));
        build.build("run-a", Optional.empty());
        TableChanges changes = new TableChanges(lake);
        List<Long> before = new ArrayList<>();
        for (TableId table : SILVER) {
            before.add(changes.current(table).orElseThrow());
            before.add(changes.current(table.quarantine()).orElseThrow());
        }
        List<List<String>> tables = silverTables(lake);

        SilverBuildReport again = build.build("run-b", Optional.empty());

        List<Long> after = new ArrayList<>();
        for (TableId table : SILVER) {
            after.add(changes.current(table).orElseThrow());
            after.add(changes.current(table.quarantine()).orElseThrow());
        }
        assertThat(after).isEqualTo(before);
        assertThat(silverTables(lake)).isEqualTo(tables);
        assertThat(again.tables()).allSatisfy(t -> assertThat(t.rowsIn()).isZero());
    }
}
