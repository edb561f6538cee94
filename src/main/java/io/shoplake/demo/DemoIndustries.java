package io.shoplake.demo;

import io.shoplake.console.Output;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.pipelines.industries.CustomersIngest;
import io.shoplake.pipelines.industries.IndustrySwingsJob;
import io.shoplake.pipelines.industries.OrdersStream;
import io.shoplake.pipelines.industries.ReferenceIndustries;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.LiveOrdersProducer;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import io.shoplake.services.EmbeddedKafka;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The demo's industry-swings step: a generated customers drop (with a misspelt industry), a month of generated orders
 * (with defects) produced live into an embedded Kafka broker while the stream takes them into silver, then the three
 * industries whose last 24 hours differ most from their average day.
 */
final class DemoIndustries {

    private static final String TOPIC = "industry-orders";
    private static final int RATE = 100;
    /** The reference industries with Polymer misspelt (as in the brief's customers file), for the ingest to correct. */
    private static final List<String> INDUSTRIES = ReferenceIndustries.DEFAULT.names().stream()
            .map(name -> name.equals("Polymer") ? "Ploymer" : name)
            .toList();

    private DemoIndustries() {}

    static void industrySwings(DemoRun run) throws IOException, InterruptedException {
        Path folder = run.settings().lake().resolve("state").resolve("demo").resolve("industries");
        Files.createDirectories(folder);
        Random random = new Random(run.settings().seed());
        List<String> customerIds = new ArrayList<>();
        StringBuilder csv = new StringBuilder("customer_id,company_name,specialized_industries\n");
        for (int i = 1; i <= 12; i++) {
            String id = "cust-" + i;
            customerIds.add(id);
            String first = INDUSTRIES.get(random.nextInt(INDUSTRIES.size()));
            String second = INDUSTRIES.get(random.nextInt(INDUSTRIES.size()));
            String industries = i % 6 == 0 ? "" : i % 3 == 0 ? first + ";" + second : first;
            csv.append(id)
                    .append(",Company ")
                    .append(i)
                    .append(",\"")
                    .append(industries)
                    .append("\"\n");
        }
        Path customers = folder.resolve("customers.csv");
        Files.writeString(customers, csv);
        Lakehouse lake = run.lake();
        CustomersIngest.Result ingested = new CustomersIngest(lake).ingest(customers, Optional.empty(), run.runId());
        run.out()
                .printf(
                        "   %d customers into silver.industry_customers; %d industries kept, corrected: %s%n",
                        ingested.customersMerged(),
                        ingested.industriesKept(),
                        ingested.corrections().isEmpty() ? "none" : String.join(", ", ingested.corrections()));

        List<IndustryOrdersGenerator.Product> products = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            products.add(new IndustryOrdersGenerator.Product(
                    "prod-" + i,
                    BigDecimal.valueOf(1 + random.nextInt(9_900), 2).setScale(2, RoundingMode.HALF_UP)));
        }
        List<String> orders = new ArrayList<>();
        new IndustryOrdersGenerator(
                        customerIds,
                        products,
                        new OrdersGeneratorSettings(
                                LocalDate.of(2023, 3, 1),
                                LocalDate.of(2023, 3, 31),
                                run.settings().seed(),
                                3,
                                6,
                                1,
                                4,
                                run.settings().defectRate(),
                                0.1))
                .forEach(orders::add);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(folder.resolve("kafka"), 0)) {
            kafka.createTopic(TOPIC, 1);
            // The stream runs first; the producer then sends the month live (at RATE orders a second) and the
            // stream takes it in micro-batches, refreshing gold after each one.
            List<OrdersStream.BatchReport> batches = new CopyOnWriteArrayList<>();
            StreamingQuery query = new OrdersStream(
                            lake,
                            new OrdersStream.Settings(
                                    kafka.bootstrapServers(),
                                    TOPIC,
                                    folder.resolve("checkpoint"),
                                    Duration.ofSeconds(1),
                                    false,
                                    Optional.empty(),
                                    Optional.empty(),
                                    false),
                            batches::add)
                    .start();
            long sent;
            try {
                sent = new LiveOrdersProducer(kafka.bootstrapServers(), TOPIC, RATE, Duration.ofMinutes(1))
                        .send(orders, n -> {});
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                int shown = 0;
                while (batches.stream().mapToLong(b -> b.written().received()).sum() < sent) {
                    for (; shown < batches.size(); shown++) {
                        run.out()
                                .printf(
                                        "   micro-batch %d: %d messages%n",
                                        batches.get(shown).batchId(),
                                        batches.get(shown).written().received());
                        run.out().flush();
                    }
                    if (!query.isActive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the industry orders stream stopped before it took in the "
                                + sent + " orders sent"
                                + (query.exception().isDefined()
                                        ? ": " + query.exception().get().getMessage()
                                        : ""));
                    }
                    Thread.sleep(100);
                }
            } finally {
                query.stop();
            }
            long added = batches.stream().mapToLong(b -> b.written().added()).sum();
            long quarantined =
                    batches.stream().mapToLong(b -> b.written().quarantined()).sum();
            run.out()
                    .printf(
                            "   live: %d messages produced into Kafka (%s) at %d a second while the stream ran; %d "
                                    + "micro-batches: %d orders into silver.industry_orders, %d quarantined%n",
                            sent, kafka.bootstrapServers(), RATE, batches.size(), added, quarantined);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the industry orders stream did not stop: " + e.getMessage(), e);
        }
        IndustrySwingsJob.Result result = new IndustrySwingsJob(lake)
                .read(Optional.empty())
                .orElseThrow(() -> new IllegalStateException("the stream computed no industry swings"));
        run.out().println("   top 3 industry swings as of " + result.asOf() + " (last 24 h against the 30-day norm):");
        java.io.StringWriter table = new java.io.StringWriter();
        Output.table(
                new java.io.PrintWriter(table, true),
                List.of("rank", "industry", "window_amount", "baseline_daily_avg", "change"),
                result.top(3).stream()
                        .map(s -> List.of(
                                String.valueOf(s.rank()),
                                s.industry(),
                                s.windowAmount()
                                        .setScale(2, RoundingMode.HALF_UP)
                                        .toPlainString(),
                                s.baselineDailyAvg()
                                        .setScale(2, RoundingMode.HALF_UP)
                                        .toPlainString(),
                                s.change().setScale(2, RoundingMode.HALF_UP).toPlainString()))
                        .toList());
        table.toString().lines().forEach(line -> run.out().println("   " + line));
    }
}
