package io.shoplake.pipelines.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.quality.ExpectationResult;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SilverTransformsTest {

    private static Dataset<Row> customers(String... ids) {
        BronzeRows rows = BronzeRows.of("customers");
        for (String id : ids) {
            rows.row(Map.of("id", id, "last_name", "Name" + id));
        }
        return SilverCustomers.transform(rows.dataset()).rows();
    }

    private static Dataset<Row> employees(String... ids) {
        BronzeRows rows = BronzeRows.of("employees");
        for (String id : ids) {
            rows.row(Map.of("id", id));
        }
        return SilverEmployees.transform(rows.dataset()).rows();
    }

    private static Map<String, String> reasonsByLine(SilverOutput output) {
        return output.rejected().collectAsList().stream()
                .collect(Collectors.toMap(
                        r -> String.valueOf(r.<Long>getAs("_line")),
                        r -> r.getAs("_dq_reason"),
                        (a, b) -> a + " | " + b,
                        TreeMap::new));
    }

    private static Map<String, Long> failures(SilverOutput output) {
        return output.results().stream()
                .filter(r -> r.rowsFailed() > 0)
                .collect(Collectors.toMap(
                        ExpectationResult::expectation, ExpectationResult::rowsFailed, (a, b) -> a, TreeMap::new));
    }

    @Test
    void theNewestDeliveryOfAKeyWinsAndTiesBreakByRunThenLine() {
        Dataset<Row> bronze = BronzeRows.of("customers")
                .row(Map.of("id", "1", "last_name", "Old"), "run-1", "2017-01-01T00:00:00Z", 2)
                .row(Map.of("id", "1", "last_name", "New"), "run-2", "2017-02-01T00:00:00Z", 2)
                .row(Map.of("id", "01", "last_name", "Older"), "run-0", "2016-12-01T00:00:00Z", 9)
                .row(Map.of("id", "2", "last_name", "Run-a"), "run-a", "2017-03-01T00:00:00Z", 3)
                .row(Map.of("id", "2", "last_name", "Run-b"), "run-b", "2017-03-01T00:00:00Z", 3)
                .row(Map.of("id", "3", "last_name", "Line-4"), "run-c", "2017-03-01T00:00:00Z", 4)
                .row(Map.of("id", "3", "last_name", "Line-5"), "run-c", "2017-03-01T00:00:00Z", 5)
                .dataset();

        SilverOutput output = SilverCustomers.transform(bronze);

        assertThat(output.rows().orderBy("customer_id").collectAsList())
                .extracting(r -> r.getLong(0) + " " + r.getString(1))
                .containsExactly("1 New", "2 Run-b", "3 Line-5");
        assertThat(output.rowsIn()).isEqualTo(7);
        assertThat(output.rowsOut()).isEqualTo(3);
        assertThat(output.duplicatesSuperseded()).isEqualTo(4);
        assertThat(output.quarantined()).isZero();
        assertThat(output.stepCounts().reconciles()).isTrue();
        assertThat(failures(output)).containsExactlyEntriesOf(Map.of(SilverSteps.SUPERSEDED, 4L));
    }

    @Test
    void emptyTextAndNullAreBothMissingAndTextIsTrimmed() {
        Dataset<Row> bronze = BronzeRows.of("customers")
                .row(Map.of("id", "", "last_name", "Empty"))
                .row(Map.of("last_name", "Null"))
                .row(Map.of("id", " 7 ", "last_name", "  Padded ", "address2", "", "email", "nobody"))
                .dataset();

        SilverOutput output = SilverCustomers.transform(bronze);

        List<Row> rows = output.rows().collectAsList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).<Long>getAs("customer_id")).isEqualTo(7L);
        assertThat(rows.get(0).<String>getAs("last_name")).isEqualTo("Padded");
        assertThat(rows.get(0).<String>getAs("address2")).isNull();
        assertThat(reasonsByLine(output))
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of("2", "customer_id: is missing", "3", "customer_id: is missing")));
        assertThat(failures(output)).containsEntry("email_shape", 1L);
        String raw = output.rejected().where("_line = 2").first().getAs(SilverSteps.RAW_RECORD);
        assertThat(raw)
                .startsWith("{\"id\":\"\",\"last_name\":\"Empty\",\"first_name\":null,")
                .contains("\"_source\":\"customers.csv\",\"_line\":2,\"_run_id\":\"run-1\"");
    }

    @Test
    void ordersAreTypedAndEveryDefectIsQuarantinedWithItsReason() {
        Dataset<Row> bronze = BronzeRows.of("orders")
                .row(Map.of(
                        "id",
                        "10",
                        "customer_id",
                        "1",
                        "employee_id",
                        "201",
                        "order_date",
                        "2016-04-05",
                        "shipped_date",
                        "2016-04-07",
                        "paid_date",
                        "2016-04-06",
                        "shipping_fee",
                        "8.14",
                        "payment_type",
                        "Card",
                        "order_status",
                        "New")) // line 2: valid
                .row(Map.of("id", "11", "customer_id", "1", "order_date", "2016-04-05 14:23:00")) // 3: valid
                .row(Map.of(
                        "id",
                        "12",
                        "customer_id",
                        "2",
                        "order_date",
                        "2016-04-05T23:30:00-02:00",
                        "order_status",
                        "Lost")) // 4: valid, warned
                .row(Map.of("id", "13", "customer_id", "1", "order_date", "2017-02-30")) // 5
                .row(Map.of("id", "14", "customer_id", "99", "order_date", "2016-04-05")) // 6
                .row(Map.of("customer_id", "1", "order_date", "2016-04-05")) // 7
                .row(Map.of("id", "16", "customer_id", "1", "order_date", "2016-04-05", "shipping_fee", "free")) // 8
                .row(Map.of(
                        "id",
                        "17",
                        "customer_id",
                        "1",
                        "order_date",
                        "2016-04-05",
                        "shipping_fee",
                        "-1.50",
                        "paid_date",
                        "2016-13-01")) // 9
                .row(Map.of("id", "18", "customer_id", "x1", "employee_id", "boss", "order_date", "soon")) // 10
                .row(Map.of("id", "19", "customer_id", "2", "employee_id", "299", "order_date", "2016-05-01")) // 11
                .dataset();

        SilverOutput output = SilverOrders.transform(bronze, customers("1", "2"), employees("201"));

        assertThat(reasonsByLine(output))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "5", "order_date: not a valid date: 2017-02-30",
                        "6", "customer_id: no such customers.customer_id: 99",
                        "7", "order_id: is missing",
                        "8", "shipping_fee: not a valid decimal: free",
                        "9", "paid_date: not a valid date: 2016-13-01; shipping_fee: must be at least 0, was: -1.50",
                        "10",
                                "customer_id: not a valid integer: x1; employee_id: not a valid integer: boss;"
                                        + " order_date: not a valid date: soon")));
        assertThat(output.rowsIn()).isEqualTo(10);
        assertThat(output.rowsOut()).isEqualTo(4);
        assertThat(output.quarantined()).isEqualTo(6);
        assertThat(failures(output))
                .containsEntry("employee_exists", 1L)
                .containsEntry("order_status_known", 1L)
                .containsEntry("order_date_valid", 2L)
                .containsEntry("customer_exists", 1L);

        List<Row> rows = output.rows().orderBy("order_id").collectAsList();
        assertThat(rows)
                .extracting(r -> r.getAs("order_id") + " " + r.getAs("customer_id") + " "
                        + r.getAs("employee_id") + " "
                        + r.getAs("ordered_at").toString().substring(0, 19) + " "
                        + r.getAs("order_date") + " " + r.getAs("shipped_date") + " " + r.getAs("shipping_fee"))
                .containsExactly(
                        "10 1 201 " + utc("2016-04-05T00:00:00Z") + " 2016-04-05 2016-04-07 8.14",
                        "11 1 null " + utc("2016-04-05T14:23:00Z") + " 2016-04-05 null null",
                        "12 2 null " + utc("2016-04-06T01:30:00Z") + " 2016-04-06 null null",
                        "19 2 299 " + utc("2016-05-01T00:00:00Z") + " 2016-05-01 null null");
    }

    /** How a java.sql.Timestamp of this UTC instant prints in this JVM (Spark hands back JVM-local Timestamps). */
    private static String utc(String instant) {
        return java.sql.Timestamp.from(java.time.Instant.parse(instant))
                .toString()
                .substring(0, 19);
    }

    @Test
    void orderItemsNeedTheirOrderAndProductAndSaneNumbers() {
        Dataset<Row> orders = SilverOrders.transform(
                        BronzeRows.of("orders")
                                .row(Map.of("id", "10", "customer_id", "1", "order_date", "2016-04-05"))
                                .row(Map.of("id", "11", "customer_id", "1", "order_date", "2017-02-30"))
                                .dataset(),
                        customers("1"),
                        employees())
                .rows();
        Dataset<Row> products = SilverProducts.transform(BronzeRows.of("products")
                        .row(Map.of("id", "601", "product_name", "Camera", "list_price", "10.00"))
                        .row(Map.of("id", "602", "product_name", "Phone", "list_price", "-5"))
                        .dataset())
                .rows();
        Dataset<Row> bronze = BronzeRows.of("order_details")
                .row(Map.of(
                        "order_id",
                        "10",
                        "product_id",
                        "601",
                        "quantity",
                        "3",
                        "unit_price",
                        "68.34",
                        "discount",
                        "8.16",
                        "date_allocated",
                        "2016-12-22")) // 2: valid
                .row(Map.of(
                        "order_id", "10", "product_id", "603", "quantity", "1", "unit_price", "1")) // 3 orphan product
                .row(Map.of(
                        "order_id",
                        "11",
                        "product_id",
                        "601",
                        "quantity",
                        "1",
                        "unit_price",
                        "1")) // 4 quarantined order
                .row(Map.of(
                        "order_id", "12", "product_id", "601", "quantity", "1", "unit_price", "1")) // 5 orphan order
                .row(Map.of("order_id", "10", "product_id", "602", "quantity", "-2", "unit_price", "1")) // 6
                .row(Map.of(
                        "order_id",
                        "10",
                        "product_id",
                        "604",
                        "quantity",
                        "two",
                        "unit_price",
                        "-1",
                        "discount",
                        "10%")) // 7
                .row(Map.of("order_id", "12", "quantity", "1", "unit_price", "5")) // 8
                .dataset()
                .unionByName(BronzeRows.of("order_details")
                        .row(
                                Map.of(
                                        "order_id",
                                        "10",
                                        "product_id",
                                        "601",
                                        "quantity",
                                        "1",
                                        "unit_price",
                                        "2.54",
                                        "discount",
                                        "9.62"),
                                "run-0",
                                "2016-01-01T00:00:00Z",
                                9) // older delivery
                        .row(
                                Map.of(
                                        "order_id",
                                        "10",
                                        "product_id",
                                        "605",
                                        "quantity",
                                        "1",
                                        "unit_price",
                                        "2.54",
                                        "discount",
                                        "9.62"),
                                "run-0",
                                "2016-01-01T00:00:00Z",
                                10) // 10: valid, negative
                        .dataset());
        Dataset<Row> productsWith605 = products.unionByName(SilverProducts.transform(BronzeRows.of("products")
                        .row(Map.of("id", "605", "product_name", "Tablet"))
                        .dataset())
                .rows());

        SilverOutput output = SilverOrderItems.transform(bronze, orders, productsWith605);

        assertThat(reasonsByLine(output))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "3", "product_id: no such products.product_id: 603",
                        "4", "order_id: no such orders.order_id: 11",
                        "5", "order_id: no such orders.order_id: 12",
                        "6", "product_id: no such products.product_id: 602; quantity: must be at least 0, was: -2",
                        "7",
                                "product_id: no such products.product_id: 604; quantity: not a valid integer: two;"
                                        + " unit_price: must be at least 0, was: -1; discount: not a valid decimal: 10%",
                        "8", "product_id: is missing; order_id: no such orders.order_id: 12")));
        assertThat(output.rows().orderBy("product_id").collectAsList())
                .extracting(r -> r.getAs("order_id") + "/" + r.getAs("product_id") + " " + r.getAs("quantity") + " x "
                        + r.getAs("unit_price") + " - " + r.getAs("discount") + " = " + r.getAs("line_amount") + " "
                        + r.getAs("allocated_date"))
                .containsExactly("10/601 3 x 68.34 - 8.16 = 196.86 2016-12-22", "10/605 1 x 2.54 - 9.62 = -7.08 null");
        assertThat(output.rows().first().<BigDecimal>getAs("line_amount").scale())
                .isEqualTo(2);
        assertThat(output.rowsIn()).isEqualTo(9);
        assertThat(output.duplicatesSuperseded()).isEqualTo(1);
        assertThat(output.quarantined()).isEqualTo(6);
        assertThat(output.rowsOut()).isEqualTo(2);
        // Warnings count every checked row: line 6 (quantity -2, also quarantined) and line 10 (-7.08).
        assertThat(failures(output)).containsEntry("line_amount_not_negative", 2L);
    }

    @Test
    void productsAreTypedAndBadNumbersQuarantined() {
        Dataset<Row> bronze = BronzeRows.of("products")
                .row(Map.of(
                        "id",
                        "601",
                        "product_code",
                        "P1",
                        "product_name",
                        "Nikkon DS90",
                        "standard_cost",
                        "67.09",
                        "list_price",
                        "23.39",
                        "target_level",
                        "75",
                        "reorder_level",
                        "67",
                        "minimum_reorder_quantity",
                        "12",
                        "discontinued",
                        "1"))
                .row(Map.of("id", "602", "list_price", "12,50", "target_level", "7.5", "discontinued", "maybe"))
                .dataset();

        SilverOutput output = SilverProducts.transform(bronze);

        Row product = output.rows().first();
        assertThat(product.<Long>getAs("product_id")).isEqualTo(601L);
        assertThat(product.<BigDecimal>getAs("list_price")).isEqualByComparingTo("23.39");
        assertThat(product.<BigDecimal>getAs("standard_cost")).isEqualByComparingTo("67.09");
        assertThat(product.<Integer>getAs("target_level")).isEqualTo(75);
        assertThat(product.<Boolean>getAs("is_discontinued")).isTrue();
        assertThat(reasonsByLine(output))
                .containsExactlyEntriesOf(Map.of(
                        "3",
                        "list_price: not a valid decimal: 12,50; target_level: not a valid integer: 7.5;"
                                + " is_discontinued: not one of [0, 1, false, true]: maybe"));
        assertThat(failures(output)).containsEntry("product_name_present", 1L);
    }
}
