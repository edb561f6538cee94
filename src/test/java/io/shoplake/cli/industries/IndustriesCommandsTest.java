package io.shoplake.cli.industries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.pipelines.industries.IndustryTables;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The industries commands end to end through the CLI, on the brief's real customers, industries and products files:
 * customers in (the {@code Ploymer} correction, an unknown industry quarantined), orders generated with defects,
 * loaded, swings run and reported. The expected swings are computed here from the generated file and the customers
 * file with plain Java, following docs/industry-swings.md; then the bad-input exits.
 */
class IndustriesCommandsTest {

    private static final List<String> REFERENCE = List.of(
            "Agriculture",
            "Colours",
            "Cleaning",
            "Construction",
            "Cosmetics",
            "Food",
            "Lubricants",
            "Oil&Gas",
            "Pharmaceuticals",
            "Polymer");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    Path dir;

    @Test
    void customersOrdersAndSwingsThroughTheCli() throws Exception {
        Path data = SharedData.require("industries");
        TestSpark.spark(); // the CLI borrows the test session
        String lake = dir.resolve("lake").toString();

        CliResult customers = CliTestSupport.run(
                "ingest",
                "industry-customers",
                "--from",
                data.resolve("Customers.csv").toString(),
                "--industries",
                data.resolve("Industries.csv").toString(),
                "--lake",
                lake);
        assertThat(customers.exitCode()).as(customers.err()).isZero();
        // 38 customers; 39 industry values (the counts in SOURCE.md: 5+5+5+5+4+4+3+3+2+2 and 'Ploymer' 1), the one
        // 'Ploymer' corrected.
        assertThat(customers.out())
                .contains("silver.industry_customers: 38 rows read, 38 customers merged, 0 superseded within the drop, "
                        + "0 quarantined")
                .contains("industries: 39 kept (1 corrected), 0 quarantined; reference: 10 industries")
                .contains("corrected (DQ warning): 'Ploymer' -> 'Polymer' (1 row)");

        Path drop = dir.resolve("customers-2.csv");
        Files.writeString(drop, """
                customer_id,company_name,specialized_industries
                n1,Newco,"Food;Plastics;Petrochemicals"
                """);
        CliResult unknown =
                CliTestSupport.run("ingest", "industry-customers", "--from", drop.toString(), "--lake", lake);
        assertThat(unknown.exitCode()).as(unknown.err()).isZero();
        assertThat(unknown.out()).contains("industries: 1 kept (0 corrected), 2 quarantined; reference: 10 industries");
        Lakehouse lakehouse = TestSpark.freshLake(Path.of(lake));
        assertThat(new Quarantine(lakehouse)
                        .of(IndustryTables.CUSTOMER_INDUSTRIES).orderBy("reason").collectAsList().stream()
                                .map(r -> r.<String>getAs("reason"))
                                .toList())
                .containsExactly(
                        "unknown industry: 'Petrochemicals' (not within 2 edits of a reference industry)",
                        "unknown industry: 'Plastics' (not within 2 edits of a reference industry)");

        Path orders = dir.resolve("orders.jsonl");
        CliResult generated = CliTestSupport.run(
                "generate",
                "industry-orders",
                "--customers",
                data.resolve("Customers.csv").toString(),
                "--products",
                data.resolve("Products.csv").toString(),
                "--from",
                "2023-02-26",
                "--to",
                "2023-03-31",
                "--orders-per-day",
                "2-4",
                "--lines",
                "1-3",
                "--seed",
                "9",
                "--defects",
                "0.1",
                "--out",
                orders.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        List<String> messages = Files.readAllLines(orders);
        assertThat(generated.out()).isEqualTo("wrote " + messages.size() + " order messages to " + orders + "\n");
        Expected expected = Expected.of(messages);
        assertThat(expected.rejected()).isPositive(); // the defects are there

        CliResult ingested =
                CliTestSupport.run("ingest", "industry-orders", "--from", orders.toString(), "--lake", lake);
        assertThat(ingested.exitCode()).as(ingested.err()).isZero();
        assertThat(row(ingested.out(), "orders.jsonl"))
                .containsExactly(
                        "orders.jsonl",
                        "LOADED",
                        "" + messages.size(),
                        "" + expected.orders().size(),
                        "0",
                        "" + expected.rejected());

        // 2023-03-31T20:00:00+02:00 is 18:00 UTC.
        Instant asOf = Instant.parse("2023-03-31T18:00:00Z");
        CliResult run = CliTestSupport.run(
                "run", "industry-swings", "--as-of", "2023-03-31T20:00:00+02:00", "--json", "--lake", lake);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode swings = JSON.readTree(run.out());
        assertThat(swings.get("as_of").asText()).isEqualTo("2023-03-31T18:00:00Z");
        List<String> top = expected.swings(customerIndustries(data.resolve("Customers.csv")), asOf);
        assertThat(describe(swings.get("top"))).isEqualTo(top.subList(0, 3));

        CliResult report = CliTestSupport.run("report", "industry-swings", "--json", "--top", "10", "--lake", lake);
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode stored = JSON.readTree(report.out());
        assertThat(stored.get("as_of").asText()).isEqualTo("2023-03-31T18:00:00Z");
        assertThat(describe(stored.get("top"))).isEqualTo(top);

        CliResult human = CliTestSupport.run("report", "industry-swings", "--lake", lake);
        assertThat(human.exitCode()).as(human.err()).isZero();
        assertThat(human.out()).startsWith("industry swings as of 2023-03-31T18:00:00Z (top 10 of 10)\n");

        CliResult again = CliTestSupport.run("ingest", "industry-orders", "--from", orders.toString(), "--lake", lake);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(row(again.out(), "orders.jsonl"))
                .containsExactly("orders.jsonl", "ALREADY_LOADED", "0", "0", "0", "0");
    }

    @Test
    void theReportShowsEveryReferenceIndustryUnlessToldHowMany() throws Exception {
        TestSpark.spark(); // the CLI borrows the test session
        String lake = dir.resolve("lake").toString();
        // Twelve industries: more than the brief's ten, so a fixed default would cut the list short.
        List<String> twelve = List.of("A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "I9", "J10", "K11", "L12");
        Path industries = dir.resolve("industries.csv");
        Files.writeString(industries, "industry\n" + String.join("\n", twelve) + "\n");
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, "customer_id,company_name,specialized_industries\nc1,Acme,A1;B2\n");
        Path orders = dir.resolve("orders.jsonl");
        Files.writeString(orders, """
                {"order_id":"o1","customer_id":"c1","order_lines":[{"product_id":"p1","volume":2,"price":5.0}],\
                "amount":10.0,"timestamp":"2023-03-01T10:00:00"}
                """);
        assertThat(run(
                        "ingest",
                        "industry-customers",
                        "--from",
                        customers.toString(),
                        "--industries",
                        industries.toString(),
                        "--lake",
                        lake))
                .contains("reference: 12 industries");
        run("ingest", "industry-orders", "--from", orders.toString(), "--lake", lake);
        assertThat(run("run", "industry-swings", "--lake", lake))
                .startsWith("industry swings as of 2023-03-01T10:00:00Z (top 3 of 12)\n");

        assertThat(run("report", "industry-swings", "--lake", lake))
                .startsWith("industry swings as of 2023-03-01T10:00:00Z (top 12 of 12)\n");
        JsonNode every = JSON.readTree(run("report", "industry-swings", "--json", "--lake", lake));
        List<String> listed = new ArrayList<>();
        every.get("top").forEach(s -> listed.add(s.get("industry").asText()));
        // A1 and B2 swing by 10.00 (ties by name), the other ten by 0.
        List<String> expected = new ArrayList<>(List.of("A1", "B2"));
        twelve.stream().skip(2).sorted().forEach(expected::add);
        assertThat(listed).isEqualTo(expected);
        assertThat(JSON.readTree(run("report", "industry-swings", "--json", "--top", "2", "--lake", lake))
                        .get("top"))
                .hasSize(2);
    }

    private static String run(String... args) {
        CliResult result = CliTestSupport.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    @Test
    void theLiveProducerSendsTheSameOrdersAsTheFileGenerator() throws Exception {
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, "customer_id,company_name,specialized_industries\nc1,Acme,Food\nc2,Bolt,\n");
        Path products = dir.resolve("products.csv");
        Files.writeString(products, "product_id,product_name,price\np1,Lye,10.00\np2,Wax,97.71\n");
        List<String> common = List.of(
                "generate",
                "industry-orders",
                "--customers",
                customers.toString(),
                "--products",
                products.toString(),
                "--from",
                "2023-03-01",
                "--to",
                "2023-03-02",
                "--seed",
                "5",
                "--defects",
                "0.2");
        Path file = dir.resolve("orders.jsonl");
        List<String> toFile = new ArrayList<>(common);
        toFile.addAll(List.of("--out", file.toString()));
        assertThat(CliTestSupport.run(toFile.toArray(String[]::new)).exitCode()).isZero();
        List<String> expected = Files.readAllLines(file);
        assertThat(expected.size()).isBetween(200, 500); // 100-200 orders a day, a duplicate delivery now and then

        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        List<String> live = new ArrayList<>(common);
        live.addAll(List.of(
                "--kafka",
                TestServices.kafka().bootstrapServers(),
                "--topic",
                topic,
                "--rate",
                "1000",
                "--duration",
                "20s"));
        CliResult produced = CliTestSupport.run(live.toArray(String[]::new));
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        assertThat(produced.out())
                .isEqualTo("produced " + expected.size() + " order messages to " + topic + " on "
                        + TestServices.kafka().bootstrapServers() + "\n");
        assertThat(consume(topic, expected.size())).isEqualTo(expected);
    }

    private static List<String> consume(String topic, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic + "-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // Nothing beyond what was sent.
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }

    @Test
    void badInputExitsWithOneLine() throws Exception {
        String lake = dir.resolve("lake").toString();
        assertError(
                CliTestSupport.run(
                        "ingest",
                        "industry-orders",
                        "--from",
                        dir.resolve("missing.jsonl").toString()),
                2,
                "error: --from must be a file or a folder, was: " + dir.resolve("missing.jsonl") + " (not found)");
        assertError(
                CliTestSupport.run(
                        "ingest",
                        "industry-customers",
                        "--from",
                        dir.resolve("missing.csv").toString(),
                        "--lake",
                        lake),
                2,
                "error: --from must be a file or a folder, was: " + dir.resolve("missing.csv") + " (not found)");
        assertError(
                CliTestSupport.run("run", "industry-swings", "--top", "0", "--lake", lake),
                2,
                "error: --top must be at least 1, was: 0");
        assertError(
                CliTestSupport.run("report", "industry-swings", "--top", "0", "--lake", lake),
                2,
                "error: --top must be at least 1, was: 0");
        assertError(
                CliTestSupport.run("run", "industry-swings", "--as-of", "yesterday", "--lake", lake),
                2,
                "error: --as-of must be a date and time such as 2023-03-20T23:58:19 or 2023-03-20T23:58:19+01:00, "
                        + "was: yesterday");
        assertError(
                CliTestSupport.run("report", "industry-swings", "--as-of", "2023-02-30T00:00:00", "--lake", lake),
                2,
                "error: --as-of must be a date and time such as 2023-03-20T23:58:19 or 2023-03-20T23:58:19+01:00, "
                        + "was: 2023-02-30T00:00:00");
        assertError(
                CliTestSupport.run("run", "industry-swings", "--window-hours", "0", "--lake", lake),
                2,
                "error: window hours must be at least 1, was: 0");
        assertError(
                CliTestSupport.run(
                        "stream",
                        "industry-orders",
                        "--kafka",
                        "127.0.0.1:9",
                        "--topic",
                        "orders",
                        "--trigger",
                        "5x",
                        "--lake",
                        lake),
                2,
                "error: --trigger must be a duration such as 500ms, 10s, 5m or 2h, was: 5x");
        Path customers = dir.resolve("customers.csv");
        Files.writeString(customers, "customer_id,company_name,specialized_industries\nc1,Acme,Food\n");
        assertError(
                CliTestSupport.run(
                        "generate",
                        "industry-orders",
                        "--customers",
                        customers.toString(),
                        "--products",
                        dir.resolve("missing-products.csv").toString(),
                        "--from",
                        "2023-03-01",
                        "--to",
                        "2023-03-02",
                        "--out",
                        dir.resolve("o.jsonl").toString()),
                2,
                "error: not a file: " + dir.resolve("missing-products.csv"));
        // A lake without orders: the run fails (exit 1) and says what to load first.
        TestSpark.spark();
        assertError(
                CliTestSupport.run("run", "industry-swings", "--lake", lake),
                1,
                "error: silver.industry_orders does not exist: load orders first with "
                        + "`shoplake ingest industry-orders --from PATH` or `shoplake stream industry-orders`");
    }

    private static void assertError(CliResult result, int exitCode, String message) {
        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(exitCode);
        assertThat(result.err()).isEqualTo(message + "\n");
    }

    /** The cells of the table row that starts with {@code first}. */
    private static List<String> row(String table, String first) {
        return List.of(table.lines()
                .map(String::trim)
                .filter(line -> line.startsWith(first + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in:\n" + table))
                .split("\\s+"));
    }

    private static List<String> describe(JsonNode swings) {
        List<String> rows = new ArrayList<>();
        for (JsonNode s : swings) {
            rows.add(s.get("rank").asInt() + " " + s.get("industry").asText() + " "
                    + plain(s.get("window_amount").decimalValue()) + " "
                    + s.get("window_orders").asLong() + " "
                    + plain(s.get("baseline_daily_avg").decimalValue()) + " "
                    + plain(s.get("change").decimalValue()));
        }
        return rows;
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * The customers file's industries per customer, read by hand: {@code id,name,"a;b"} with the one misspelling of
     * the file ({@code Ploymer}) corrected.
     */
    private static Map<String, Set<String>> customerIndustries(Path file) throws Exception {
        Map<String, Set<String>> industries = new HashMap<>();
        for (String line :
                Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] fields = line.split(",", 3);
            Set<String> names = new HashSet<>();
            for (String value : fields[2].replace("\"", "").split(";")) {
                if (!value.isBlank()) {
                    names.add(value.trim().equals("Ploymer") ? "Polymer" : value.trim());
                }
            }
            assertThat(REFERENCE).containsAll(names);
            industries.put(fields[0], names);
        }
        return industries;
    }

    /** The valid orders of a file by the rules of the brief, and how many messages were rejected. */
    private record Expected(Map<String, JsonNode> orders, long rejected) {

        static Expected of(List<String> messages) {
            Map<String, JsonNode> orders = new HashMap<>();
            long rejected = 0;
            for (String message : messages) {
                JsonNode order = valid(message);
                if (order == null || orders.containsKey(order.get("order_id").asText())) {
                    rejected++;
                } else {
                    orders.put(order.get("order_id").asText(), order);
                }
            }
            return new Expected(orders, rejected);
        }

        private static JsonNode valid(String message) {
            JsonNode order;
            try {
                order = JSON.readTree(message);
            } catch (JsonProcessingException e) {
                return null;
            }
            if (!order.hasNonNull("order_id") || !order.hasNonNull("customer_id") || !order.hasNonNull("timestamp")) {
                return null;
            }
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode line : order.get("order_lines")) {
                BigDecimal volume = line.get("volume").decimalValue();
                BigDecimal price = line.get("price").decimalValue();
                if (volume.signum() < 0 || price.signum() < 0) {
                    return null;
                }
                total = total.add(volume.multiply(price));
            }
            boolean adds =
                    order.get("amount").decimalValue().subtract(total).abs().compareTo(new BigDecimal("0.01")) <= 0;
            return adds ? order : null;
        }

        /** Every reference industry's swing as of {@code asOf}, ranked: "rank industry window orders avg change". */
        List<String> swings(Map<String, Set<String>> industries, Instant asOf) {
            Instant windowStart = asOf.minus(Duration.ofHours(24));
            Instant baselineStart = windowStart.minus(Duration.ofDays(30));
            Map<String, BigDecimal> window = new TreeMap<>();
            Map<String, Long> windowOrders = new TreeMap<>();
            Map<String, BigDecimal> baseline = new TreeMap<>();
            for (String industry : REFERENCE) {
                window.put(industry, BigDecimal.ZERO);
                windowOrders.put(industry, 0L);
                baseline.put(industry, BigDecimal.ZERO);
            }
            for (JsonNode order : orders.values()) {
                Instant at = instant(order.get("timestamp").asText());
                BigDecimal amount = order.get("amount").decimalValue();
                for (String industry :
                        industries.getOrDefault(order.get("customer_id").asText(), Set.of())) {
                    if (at.isAfter(windowStart) && !at.isAfter(asOf)) {
                        window.merge(industry, amount, BigDecimal::add);
                        windowOrders.merge(industry, 1L, Long::sum);
                    } else if (at.isAfter(baselineStart) && !at.isAfter(windowStart)) {
                        baseline.merge(industry, amount, BigDecimal::add);
                    }
                }
            }
            record Row(String industry, BigDecimal window, long orders, BigDecimal average, BigDecimal change) {}
            List<Row> rows = new ArrayList<>();
            for (String industry : REFERENCE) {
                BigDecimal average = baseline.get(industry).divide(BigDecimal.valueOf(30), 6, RoundingMode.HALF_UP);
                rows.add(new Row(
                        industry,
                        window.get(industry),
                        windowOrders.get(industry),
                        average,
                        window.get(industry).subtract(average)));
            }
            rows.sort(
                    Comparator.comparing((Row r) -> r.change().abs()).reversed().thenComparing(Row::industry));
            List<String> described = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                described.add((i + 1) + " " + r.industry() + " " + plain(r.window()) + " " + r.orders() + " "
                        + plain(r.average()) + " " + plain(r.change()));
            }
            return described;
        }

        private static Instant instant(String timestamp) {
            // The generator writes either a local UTC time or one with an offset such as +05:00.
            if (timestamp.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(timestamp).toInstant();
            }
            return LocalDateTime.parse(timestamp).toInstant(ZoneOffset.UTC);
        }
    }
}
