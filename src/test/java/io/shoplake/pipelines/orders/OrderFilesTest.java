package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderFilesTest {

    @Test
    void filesAreSortedIntoTablesWithSplitPartsAndTheRestIgnored() {
        OrderFiles.Plan plan = OrderFiles.plan(List.of(
                "order_details-0002.csv",
                "notes.txt",
                "Orders.CSV",
                "order_details-0001.csv",
                "customers.csv",
                "orders-.csv",
                "products.json",
                "order_details.csv"));
        assertThat(plan.filesByTable())
                .containsExactly(
                        Map.entry("customers", List.of("customers.csv")),
                        Map.entry("employees", List.of()),
                        Map.entry("products", List.of()),
                        Map.entry("orders", List.of("Orders.CSV")),
                        Map.entry(
                                "order_details",
                                List.of("order_details-0001.csv", "order_details-0002.csv", "order_details.csv")));
        assertThat(plan.ignored()).containsExactly("notes.txt", "orders-.csv", "products.json");
        assertThat(OrderFiles.plan(List.of("readme.md")).isEmpty()).isTrue();
    }
}
