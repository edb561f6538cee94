package io.shoplake.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.industries.IndustryTables;
import io.shoplake.pipelines.industries.OrderMessages;
import io.shoplake.pipelines.industries.OrdersSilver;
import io.shoplake.pipelines.industries.OrdersStore;
import io.shoplake.pipelines.industries.OrdersStream;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.LiveOrdersProducer;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import io.shoplake.services.EmbeddedKafka;
import io.shoplake.sources.kafka.KafkaTopicSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * Orders stream benchmark on the embedded broker: (1) a reference, a plain Kafka consumer that reads and parses N
 * messages; (2) shoplake's stream draining the same N messages into silver (orders/s); (3) at half that rate, a live
 * producer and the continuous stream, p50/p95 latency from produce (Kafka record time) to the end of the micro-batch
 * that committed the order to silver (ops.runs ended_at: an upper bound of the commit time).
 */
public final class IndustryOrdersStreamBench {

    /** The live phase's orders (the bulk phase's came from another topic: their latency is not a live one). */
    private static final String LIVE = "_source LIKE 'kafka:live/%'";

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(work);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add("c" + i);
        }
        List<IndustryOrdersGenerator.Product> products = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            products.add(new IndustryOrdersGenerator.Product("p" + i, BigDecimal.valueOf(108 + i * 97L, 2)));
        }
        // Orders a day: the brief's 100-200 by default; a fourth argument sets another rate (Black Friday: 50x).
        int perDay = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        // The live phase's --refresh-every in seconds (fifth argument); default: gold after every batch.
        Optional<Duration> refreshEvery =
                args.length > 4 ? Optional.of(Duration.ofSeconds(Long.parseLong(args[4]))) : Optional.empty();
        List<String> orders = orders(customers, products, LocalDate.of(2023, 1, 1), n, perDay, 42);
        System.out.printf(
                "orders: %d generated (1-100 lines each, %s a day); %s%n",
                orders.size(), perDay > 0 ? String.valueOf(perDay) : "100-200", load());

        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0)) {
            kafka.createTopic("bulk", 1);
            long producedAt = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                for (String order : orders) {
                    producer.send(new ProducerRecord<>("bulk", order));
                }
            }
            System.out.printf("produced %d in %.1f s%n", orders.size(), (System.nanoTime() - producedAt) / 1e9);

            // The best of three passes: one cold pass of a plain consumer varied 12,000-31,000/s from run to run (the
            // JIT, the broker's page cache), which made every ratio below as noisy.
            double reference = 0;
            for (int pass = 1; pass <= 3; pass++) {
                double rate = reference(kafka.bootstrapServers(), orders.size(), "bench-reference-" + pass);
                System.out.printf("  reference pass %d: %.0f orders/s%n", pass, rate);
                reference = Math.max(reference, rate);
            }
            System.out.printf(
                    "reference (plain consumer + Jackson parse + lines total, best of 3): %.0f orders/s%n", reference);

            SparkSession spark = SparkSessions.create("local[*]", 4, false);
            Lakehouse lake = new Lakehouse(spark, LakeSettings.folder(work.resolve("lake")));
            PhaseProfile profile = PhaseProfile.attach(spark);
            // The bulk phase and the engine floor read the topic in the same batches.
            Optional<Long> batchSize = Optional.of(Math.max(100L, orders.size() / 4));
            long started = System.nanoTime();
            // When the first batch ended and what it added: the rate after it is the sustained one, without the
            // start-up (table creation, the first Kafka consumers, the JIT).
            double[] firstBatch = new double[2];
            new OrdersStream(
                            lake,
                            new OrdersStream.Settings(
                                    kafka.bootstrapServers(),
                                    "bulk",
                                    work.resolve("checkpoint-bulk"),
                                    Duration.ofSeconds(1),
                                    true,
                                    batchSize,
                                    Optional.empty(),
                                    false),
                            r -> {
                                double at = (System.nanoTime() - started) / 1e9;
                                if (firstBatch[0] == 0) {
                                    firstBatch[0] = at;
                                    firstBatch[1] = r.written().added();
                                }
                                System.out.printf(
                                        "  batch %d: %d added, at %.1f s%n",
                                        r.batchId(), r.written().added(), at);
                            })
                    .drain();
            double seconds = (System.nanoTime() - started) / 1e9;
            long silver = lake.read(IndustryTables.ORDERS).count();
            double rate = silver / seconds;
            System.out.printf(
                    "shoplake stream, drained (bronze, silver, quarantine per batch; gold once at the end): %d orders in %.1f s = %.0f"
                            + " orders/s; %.2f of the reference%n",
                    silver, seconds, rate, rate / reference);
            double sustained = (silver - firstBatch[1]) / (seconds - firstBatch[0]);
            System.out.printf(
                    "  after the first batch (%.1f s): %.0f orders/s; %.2f of the reference%n",
                    firstBatch[0], sustained, sustained / reference);
            profile.print("where the bulk phase's time went", seconds, 0);
            PhaseProfile.commits(lake);

            // The engine floor: the same records through Spark's Kafka source, in the same batches, appended raw to
            // one Iceberg table a micro-batch (no parse, no silver, no quarantine, no ledger, no replay checks).
            double floorSeconds = drain(
                    KafkaTopicSource.read(spark, kafka.bootstrapServers(), "bulk", batchSize, false)
                            .select(col("value").cast("string").as("value"), col("partition"), col("offset")),
                    work.resolve("checkpoint-floor"),
                    (batch, batchId) -> lake.append(TableId.bronze("bench_raw_orders"), batch));
            double floorRate = lake.read(TableId.bronze("bench_raw_orders")).count() / floorSeconds;
            System.out.printf(
                    "engine floor (Spark's Kafka source appending the raw records to one Iceberg table a batch): %.1f s"
                            + " = %.0f orders/s; %.2f of the reference%n",
                    floorSeconds, floorRate, floorRate / reference);

            // The silver-shape floor: the least the issue asks of a batch (parse, the raw records to bronze, the
            // orders and their lines to silver), three appends and nothing else: no duplicate, replay or data-loss
            // checks, no quarantine, no ledger. What is left between it and the stream is the guarantees' cost.
            double shapeSeconds = drain(
                    KafkaTopicSource.read(spark, kafka.bootstrapServers(), "bulk", batchSize, false),
                    work.resolve("checkpoint-shape"),
                    (batch, batchId) -> {
                        Dataset<Row> parsed = OrderMessages.parse(OrdersStream.messages(batch, "shape"))
                                .persist(StorageLevel.MEMORY_AND_DISK());
                        lake.append(
                                TableId.bronze("bench_shape_raw"),
                                parsed.select(Arrays.stream(OrdersStore.BRONZE.fieldNames())
                                        .map(c -> col(c))
                                        .toArray(Column[]::new)));
                        Dataset<Row> valid = OrdersSilver.valid(parsed);
                        lake.appendToFewPartitions(
                                TableId.silver("bench_shape_orders"),
                                OrdersSilver.orders(valid, "shape")
                                        .select(OrdersSilver.ORDER_COLUMNS.stream()
                                                .map(c -> col(c))
                                                .toArray(Column[]::new)),
                                "order_date");
                        lake.appendToFewPartitions(
                                TableId.silver("bench_shape_lines"), OrdersSilver.lines(valid), "order_date");
                        parsed.unpersist();
                    });
            double shapeRate = lake.read(TableId.silver("bench_shape_orders")).count() / shapeSeconds;
            System.out.printf(
                    "silver-shape floor (parse; raw records to bronze, orders and lines to silver; three appends a batch,"
                            + " no checks, quarantine or ledger): %.1f s = %.0f orders/s; %.2f of the reference%n",
                    shapeSeconds, shapeRate, shapeRate / reference);

            double half = Math.max(1, rate / 2);
            kafka.createTopic("live", 1);
            Duration length = Duration.ofSeconds(Long.parseLong(args.length > 2 ? args[2] : "30"));
            List<String> live = orders(
                    customers, products, LocalDate.of(2024, 1, 1), (int) (half * length.toSeconds()) + 1, perDay, 7);
            AtomicLong liveReceived = new AtomicLong();
            StreamingQuery query = new OrdersStream(
                            lake,
                            new OrdersStream.Settings(
                                    kafka.bootstrapServers(),
                                    "live",
                                    work.resolve("checkpoint-live"),
                                    Duration.ofSeconds(1),
                                    false,
                                    Optional.empty(),
                                    refreshEvery,
                                    false),
                            r -> {
                                liveReceived.addAndGet(r.written().received());
                                System.out.printf(
                                        "  live batch %d: %d added%n",
                                        r.batchId(), r.written().added());
                            })
                    .start();
            long sent = new LiveOrdersProducer(kafka.bootstrapServers(), "live", half, length).send(live, c -> {});
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            // Waits on the stream's own reports, not a count of silver: a query of the lake would compete with the
            // stream for the two cores, and a batch is reported only after its gold refresh, so the stop below does
            // not interrupt one.
            while (System.nanoTime() < deadline && liveReceived.get() < sent) {
                Thread.sleep(1000);
                System.out.printf("  waiting for the live orders in silver; %s%n", load());
            }
            query.stop();
            List<Double> latencies = lake
                    .sql("SELECT (unix_micros(r.ended_at) - unix_micros(o._produced_at)) / 1e6 "
                            + "FROM " + lake.sqlName(IndustryTables.ORDERS) + " o JOIN "
                            + lake.sqlName(io.shoplake.lakehouse.RunLedger.RUNS) + " r ON r.run_id = o._run_id "
                            + "AND r.job = '" + OrdersStream.JOB + "' WHERE " + LIVE + " ORDER BY 1")
                    .collectAsList()
                    .stream()
                    .map(r -> r.getDouble(0))
                    .toList();
            System.out.printf(
                    "latency at %.1f orders/s for %s, gold %s (%d sent, %d in silver): p50 %.2f s, p95 %.2f s, max"
                            + " %.2f s%n",
                    half,
                    length,
                    refreshEvery.map(d -> "at most every " + d).orElse("after every batch"),
                    sent,
                    latencies.size(),
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.95),
                    latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
            System.out.println(load());
            spark.stop();
        }
    }

    /** Runs {@code perBatch} over {@code records} until the topic is drained (available-now); the seconds it took. */
    private static double drain(Dataset<Row> records, Path checkpoint, VoidFunction2<Dataset<Row>, Long> perBatch)
            throws Exception {
        long started = System.nanoTime();
        KafkaTopicSource.start(records, "bench-" + checkpoint.getFileName(), checkpoint, Optional.empty(), perBatch)
                .awaitTermination();
        return (System.nanoTime() - started) / 1e9;
    }

    /** The machine's load average now (the figures are ratios measured under whatever load there is). */
    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    private static double reference(String bootstrap, int n, String group) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long started = System.nanoTime();
        int read = 0;
        BigDecimal total = BigDecimal.ZERO;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of("bulk"));
            while (read < n) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode order = json.readTree(record.value());
                    for (JsonNode line : order.get("order_lines")) {
                        total = total.add(line.get("volume")
                                .decimalValue()
                                .multiply(line.get("price").decimalValue()));
                    }
                    read++;
                }
            }
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }

    /** {@code n} generated orders from {@code from} on, {@code perDay} a day (0: the brief's 100-200). */
    private static List<String> orders(
            List<String> customers,
            List<IndustryOrdersGenerator.Product> products,
            LocalDate from,
            int n,
            int perDay,
            long seed) {
        int days = n / (perDay > 0 ? perDay : 100) + 1; // enough days for n orders
        OrdersGeneratorSettings settings = OrdersGeneratorSettings.of(from, from.plusDays(days), seed);
        if (perDay > 0) {
            settings = settings.withOrdersPerDay(perDay, perDay);
        }
        List<String> orders = new ArrayList<>();
        new IndustryOrdersGenerator(customers, products, settings).forEach(orders::add);
        return orders.subList(0, Math.min(n, orders.size()));
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private IndustryOrdersStreamBench() {}
}
