package io.shoplake.pipelines.orders.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.pipelines.orders.OrderSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders generator, checked by reading its files back with plain, separate code: a comma split is enough
 * because clean generated fields never contain commas, quotes or line breaks.
 */
class OrdersGeneratorTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path temp;

    private static OrdersGeneratorSettings small() {
        return OrdersGeneratorSettings.defaults()
                .withCustomers(300)
                .withProducts(40)
                .withDays(120)
                .withSeed(7);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() throws IOException {
        new OrdersGenerator(small()).generate(temp.resolve("a"));
        new OrdersGenerator(small()).generate(temp.resolve("b"));
        new OrdersGenerator(small().withSeed(8)).generate(temp.resolve("c"));
        for (String table : OrderSources.LOAD_ORDER) {
            byte[] a = Files.readAllBytes(temp.resolve("a/" + table + ".csv"));
            assertThat(Files.readAllBytes(temp.resolve("b/" + table + ".csv")))
                    .as(table)
                    .isEqualTo(a);
        }
        assertThat(Files.readAllBytes(temp.resolve("c/orders.csv")))
                .isNotEqualTo(Files.readAllBytes(temp.resolve("a/orders.csv")));
    }

    @Test
    void headersAreTheSourceContractAndRowCountsMatchTheFiles() throws IOException {
        GeneratedOrders result = new OrdersGenerator(small()).generate(temp);
        assertThat(result.tables())
                .extracting(GeneratedOrders.TableFiles::table)
                .isEqualTo(OrderSources.LOAD_ORDER);
        for (String table : OrderSources.LOAD_ORDER) {
            List<String> lines = lines(temp.resolve(table + ".csv"));
            assertThat(lines.get(0)).isEqualTo(String.join(",", OrderSources.COLUMNS.get(table)));
            assertThat(result.table(table).rows()).as(table).isEqualTo(lines.size() - 1);
            assertThat(result.table(table).files()).containsExactly(temp.resolve(table + ".csv"));
        }
        // customers, employees and products get every id once as a clean row; defects there are extra rows
        assertThat(result.table("customers").cleanRows()).isEqualTo(300);
        assertThat(result.table("employees").rows()).isEqualTo(20);
        assertThat(result.table("products").cleanRows()).isEqualTo(40);
    }

    @Test
    void cleanDataIsValidCsvWithReferentialIntegrity() throws IOException {
        OrdersGeneratorSettings settings = small().withDefectRate(0);
        GeneratedOrders result = new OrdersGenerator(settings).generate(temp);
        for (GeneratedOrders.TableFiles table : result.tables()) {
            assertThat(table.defects()).as(table.table()).isEmpty();
        }
        Map<String, List<String[]>> rows = readAll(temp);
        for (String table : OrderSources.LOAD_ORDER) {
            int width = OrderSources.COLUMNS.get(table).size();
            assertThat(rows.get(table)).as(table).allSatisfy(r -> assertThat(r).hasSize(width));
            assertThat(lines(temp.resolve(table + ".csv"))).as(table).noneMatch(l -> l.contains("\""));
        }
        Set<String> customers = ids(rows.get("customers"), 0);
        Set<String> employees = ids(rows.get("employees"), 0);
        Set<String> products = ids(rows.get("products"), 0);
        Set<String> orders = ids(rows.get("orders"), 0);
        assertThat(customers).hasSize(300);
        assertThat(employees).hasSize(20);
        assertThat(products).hasSize(40);
        assertThat(orders).hasSize(rows.get("orders").size());

        LocalDateTime first = settings.start().atStartOfDay();
        LocalDateTime end = settings.start().plusDays(settings.days()).atStartOfDay();
        Set<String> customersWithOrders = new HashSet<>();
        for (String[] order : rows.get("orders")) {
            assertThat(customers).contains(order[2]);
            assertThat(employees).contains(order[1]);
            LocalDateTime orderedAt = LocalDateTime.parse(order[3], TIMESTAMP);
            assertThat(orderedAt).isAfterOrEqualTo(first).isBefore(end);
            if (!order[4].isEmpty()) {
                assertThat(LocalDate.parse(order[4])).isAfterOrEqualTo(orderedAt.toLocalDate());
            }
            assertThat(new java.math.BigDecimal(order[12])).isNotNegative();
            customersWithOrders.add(order[2]);
        }
        assertThat(customersWithOrders).isEqualTo(customers);

        Set<String> itemKeys = new HashSet<>();
        Set<String> ordersWithItems = new HashSet<>();
        for (String[] item : rows.get("order_details")) {
            assertThat(orders).contains(item[0]);
            assertThat(products).contains(item[1]);
            assertThat(Integer.parseInt(item[2])).isPositive();
            assertThat(new java.math.BigDecimal(item[3])).isPositive();
            LocalDate.parse(item[6]);
            assertThat(itemKeys.add(item[0] + "/" + item[1]))
                    .as("unique (order_id, product_id)")
                    .isTrue();
            ordersWithItems.add(item[0]);
        }
        assertThat(ordersWithItems).isEqualTo(orders);
    }

    @Test
    void orderIdsFollowTheClock() throws IOException {
        new OrdersGenerator(small().withDefectRate(0)).generate(temp);
        List<String[]> orders = readAll(temp).get("orders");
        for (int i = 1; i < orders.size(); i++) {
            assertThat(Long.parseLong(orders.get(i)[0])).isEqualTo(Long.parseLong(orders.get(i - 1)[0]) + 1);
            assertThat(orders.get(i)[3]).isGreaterThanOrEqualTo(orders.get(i - 1)[3]);
        }
    }

    @Test
    void defectsComeAtRoughlyTheAskedRateAndEveryBrokenLineIsCounted() throws IOException {
        GeneratedOrders result = new OrdersGenerator(
                        OrdersGeneratorSettings.defaults().withCustomers(3000).withDefectRate(0.05))
                .generate(temp);
        GeneratedOrders.TableFiles orders = result.table("orders");
        GeneratedOrders.TableFiles items = result.table("order_details");
        // about 13,000 orders and 33,000 items: 5% +- 1 point is far outside chance
        assertThat((double) orders.defectiveRows() / orders.rows()).isCloseTo(0.05, within(0.01));
        assertThat((double) items.defectiveRows() / items.rows()).isCloseTo(0.05, within(0.01));
        assertThat(items.defects().keySet())
                .containsExactlyInAnyOrder(
                        Defect.DUPLICATE,
                        Defect.ORPHAN_ORDER,
                        Defect.ORPHAN_PRODUCT,
                        Defect.NEGATIVE_NUMBER,
                        Defect.TEXT_IN_NUMBER,
                        Defect.BAD_DATE,
                        Defect.BROKEN_LINE);
        assertThat(orders.defects().keySet())
                .containsExactlyInAnyOrder(
                        Defect.DUPLICATE,
                        Defect.UNKNOWN_CUSTOMER,
                        Defect.BAD_DATE,
                        Defect.TEXT_IN_NUMBER,
                        Defect.BROKEN_LINE);
        GeneratedOrders.TableFiles customers = result.table("customers");
        assertThat((double) customers.defectiveRows() / customers.cleanRows()).isCloseTo(0.05, within(0.015));

        for (String table : List.of("customers", "orders", "order_details")) {
            int width = OrderSources.COLUMNS.get(table).size();
            List<String> lines = lines(temp.resolve(table + ".csv"));
            long broken = lines.stream()
                    .skip(1)
                    .filter(l -> l.contains("\"") || l.split(",", -1).length != width)
                    .count();
            long quotes = lines.stream().filter(l -> l.contains("\"")).count();
            assertThat(broken).as(table).isEqualTo(result.table(table).defects().get(Defect.BROKEN_LINE));
            assertThat(quotes).as(table + ": unterminated quotes stay rare").isLessThanOrEqualTo(1);
        }
        // duplicates are exact re-deliveries of an earlier line
        List<String> itemLines = lines(temp.resolve("order_details.csv"));
        long repeated = itemLines.size() - new HashSet<>(itemLines).size();
        assertThat(repeated).isEqualTo(items.defects().get(Defect.DUPLICATE));
    }

    @Test
    void theCleanShopDoesNotDependOnTheDefectRate() throws IOException {
        new OrdersGenerator(small().withDefectRate(0)).generate(temp.resolve("clean"));
        GeneratedOrders dirty = new OrdersGenerator(small().withDefectRate(0.02)).generate(temp.resolve("dirty"));
        List<String> clean = lines(temp.resolve("clean/orders.csv"));
        List<String> defective = lines(temp.resolve("dirty/orders.csv"));
        Set<String> cleanSet = new HashSet<>(clean);
        long unchanged =
                defective.stream().filter(cleanSet::contains).distinct().count();
        long changedOrders = dirty.table("orders").defectiveRows()
                - dirty.table("orders").defects().getOrDefault(Defect.DUPLICATE, 0L);
        assertThat(unchanged).isEqualTo(clean.size() - changedOrders);
    }

    @Test
    void partsSplitTablesWithoutChangingTheirContent() throws IOException {
        new OrdersGenerator(small()).generate(temp.resolve("whole"));
        GeneratedOrders parts = new OrdersGenerator(small().withPartRows(500)).generate(temp.resolve("parts"));
        for (String table : OrderSources.LOAD_ORDER) {
            List<String> whole = lines(temp.resolve("whole/" + table + ".csv"));
            List<String> joined = new ArrayList<>();
            List<Path> files = parts.table(table).files();
            for (int i = 0; i < files.size(); i++) {
                assertThat(files.get(i).getFileName().toString()).isEqualTo(String.format("%s-%04d.csv", table, i + 1));
                List<String> part = lines(files.get(i));
                assertThat(part.get(0)).isEqualTo(whole.get(0));
                assertThat(part.size() - 1).isBetween(1, 500);
                joined.addAll(part.subList(1, part.size()));
            }
            assertThat(joined).as(table).isEqualTo(whole.subList(1, whole.size()));
            assertThat(files).hasSize((int) Math.ceil((whole.size() - 1) / 500.0));
        }
    }

    @Test
    void aNewRunReplacesEarlierOutputIncludingStaleParts() throws IOException {
        new OrdersGenerator(small().withPartRows(100)).generate(temp);
        Files.writeString(temp.resolve("notes.txt"), "keep me");
        new OrdersGenerator(small()).generate(temp);
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(
                            "customers.csv",
                            "employees.csv",
                            "notes.txt",
                            "order_details.csv",
                            "orders.csv",
                            "products.csv");
        }
    }

    @Test
    void purchasesHaveWeekdayAndHourRhythmsRepeatBuyersAndBestSellers() throws IOException {
        new OrdersGenerator(
                        OrdersGeneratorSettings.defaults().withCustomers(3000).withDefectRate(0))
                .generate(temp);
        Map<String, List<String[]>> rows = readAll(temp);
        int[] byWeekday = new int[8];
        int[] byHour = new int[24];
        Map<String, Integer> ordersPerCustomer = new HashMap<>();
        for (String[] order : rows.get("orders")) {
            LocalDateTime at = LocalDateTime.parse(order[3], TIMESTAMP);
            byWeekday[at.getDayOfWeek().getValue()]++;
            byHour[at.getHour()]++;
            ordersPerCustomer.merge(order[2], 1, Integer::sum);
        }
        // weights 1.25 (Friday) against 0.65 (Sunday); 20:00 weighs 1.7, 03:00 0.05
        assertThat(byWeekday[DayOfWeek.FRIDAY.getValue()])
                .isGreaterThan(byWeekday[DayOfWeek.SUNDAY.getValue()] * 3 / 2);
        assertThat(byHour[20]).isGreaterThan(byHour[3] * 10);
        long repeatBuyers =
                ordersPerCustomer.values().stream().filter(n -> n >= 2).count();
        long oneTime = ordersPerCustomer.values().stream().filter(n -> n == 1).count();
        assertThat(repeatBuyers).as("most customers come back").isGreaterThan(oneTime);
        assertThat(oneTime).as("but some never do").isGreaterThan(ordersPerCustomer.size() / 10);

        Map<String, Integer> itemsPerProduct = new HashMap<>();
        for (String[] item : rows.get("order_details")) {
            itemsPerProduct.merge(item[1], 1, Integer::sum);
        }
        int[] counts = itemsPerProduct.values().stream()
                .mapToInt(Integer::intValue)
                .sorted()
                .toArray();
        int best = counts[counts.length - 1];
        int median = counts[counts.length / 2];
        assertThat(best).as("a best seller sells many times the median product").isGreaterThan(median * 20);
    }

    @Test
    void settingsStateTheRuleAndTheBadValue() {
        assertThatThrownBy(() -> OrdersGeneratorSettings.defaults().withCustomers(0))
                .hasMessage("customers must be at least 1, was: 0");
        assertThatThrownBy(() -> OrdersGeneratorSettings.defaults().withDefectRate(0.7))
                .hasMessage("defect rate must be between 0 and 0.5, was: 0.7");
        assertThatThrownBy(() -> OrdersGeneratorSettings.defaults().withPartRows(-1))
                .hasMessage("part rows must be 0 (one file per table) or positive, was: -1");
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII);
    }

    static Map<String, List<String[]>> readAll(Path directory) throws IOException {
        Map<String, List<String[]>> rows = new HashMap<>();
        for (String table : OrderSources.LOAD_ORDER) {
            List<String> lines = lines(directory.resolve(table + ".csv"));
            rows.put(table, lines.stream().skip(1).map(l -> l.split(",", -1)).toList());
        }
        return rows;
    }

    private static Set<String> ids(List<String[]> rows, int column) {
        Set<String> ids = new HashSet<>();
        for (String[] row : rows) {
            ids.add(row[column]);
        }
        return ids;
    }
}
