package io.shoplake.pipelines.industries;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka stream against the in-process broker: the same orders streamed (stopped mid-way and restarted, then a
 * batch replayed as after a kill between its writes and its checkpoint commit) and loaded from a file give the same
 * silver, quarantine and gold; the file after the stream, or the stream after the file, adds nothing; gold is
 * refreshed per batch, at most once per {@code --refresh-every}, or once when drained.
 */
class OrdersStreamTest {

    @TempDir
    Path dir;

    @Test
    void streamEqualsBatchAndRestartsLoseAndDoubleNothing() throws Exception {
        List<String> messages = new ArrayList<>();
        new IndustryOrdersGenerator(
                        List.of("c1", "c2", "c3", "c4", "c5", "c9"),
                        List.of(
                                new IndustryOrdersGenerator.Product("p1", new BigDecimal("10.00")),
                                new IndustryOrdersGenerator.Product("p2", new BigDecimal("97.71")),
                                new IndustryOrdersGenerator.Product("p3", new BigDecimal("1.08"))),
                        new OrdersGeneratorSettings(
                                LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 31), 7, 4, 8, 1, 3, 0.15, 0.2))
                .forEach(messages::add);
        Path file = dir.resolve("orders.jsonl");
        Files.write(file, messages);

        Lakehouse batch = TestSpark.freshLake(dir.resolve("batch"));
        IndustrySwingsTest.load(batch, dir.resolve("batch-in"), file);
        new IndustrySwingsJob(batch).run(Optional.empty(), 24, 30, "batch-run");

        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        TestServices.send(topic, messages);
        Lakehouse streamed = TestSpark.freshLake(dir.resolve("streamed"));
        Files.createDirectories(dir.resolve("streamed-in"));
        Files.writeString(dir.resolve("streamed-in/customers.csv"), IndustrySwingsTest.CUSTOMERS);
        new CustomersIngest(streamed).ingest(dir.resolve("streamed-in/customers.csv"), Optional.empty(), "c");
        Path checkpoint = dir.resolve("checkpoint");
        List<OrdersStream.BatchReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamingQuery first = new OrdersStream(
                        streamed,
                        new OrdersStream.Settings(
                                TestServices.kafka().bootstrapServers(),
                                topic,
                                checkpoint,
                                Duration.ofMillis(200),
                                false,
                                Optional.of(80L),
                                Optional.empty(),
                                false),
                        reports::add)
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (reports.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        first.stop(); // interrupted mid-way: batch 0 (80 messages) done, batch 1 at most under way
        first.awaitTermination();
        assertThat(streamed.read(IndustryTables.BRONZE_ORDERS).count()).isLessThan(messages.size());
        assertThat(reports.get(0).swings()).isPresent(); // gold is refreshed after a batch with orders

        OrdersStream.Settings drain = new OrdersStream.Settings(
                TestServices.kafka().bootstrapServers(),
                topic,
                checkpoint,
                Duration.ofMillis(200),
                true,
                Optional.of(80L),
                Optional.empty(),
                false);
        assertThat(new OrdersStream(streamed, drain, r -> {}).drain())
                .as("gold refreshed once, when drained")
                .isPresent();
        assertSame(streamed, batch, messages.size());

        // Replay the last batch, as after a kill -9 between its writes and its checkpoint commit.
        Path commits = checkpoint.resolve("commits");
        long last;
        try (var files = Files.list(commits)) {
            last = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+"))
                    .mapToLong(Long::parseLong)
                    .max()
                    .orElseThrow();
        }
        Files.delete(commits.resolve(Long.toString(last)));
        Files.deleteIfExists(commits.resolve("." + last + ".crc"));
        List<OrdersStream.BatchReport> replay = new ArrayList<>();
        assertThat(new OrdersStream(streamed, drain, replay::add).drain())
                .as("a replay adds no order: gold is not recomputed")
                .isEmpty();
        assertThat(replay).hasSize(1);
        assertThat(replay.get(0).written().added()).isZero();
        assertThat(replay.get(0).written().alreadyPresent()).isPositive();
        assertSame(streamed, batch, messages.size());

        // The same orders from a file after the stream: every order_id is already counted.
        OrdersFileIngest.Result again = new OrdersFileIngest(streamed).ingest(file, "file-after-stream");
        assertThat(again.total().added()).isZero();
        assertThat(streamed.read(IndustryTables.ORDERS).count())
                .isEqualTo(batch.read(IndustryTables.ORDERS).count());
    }

    @Test
    void refreshEveryLimitsGoldRefreshesAndAStreamAfterAFileCountsNothingTwice() throws Exception {
        List<String> messages = new ArrayList<>();
        new IndustryOrdersGenerator(
                        List.of("c1", "c2", "c3"),
                        List.of(new IndustryOrdersGenerator.Product("p1", new BigDecimal("10.00"))),
                        new OrdersGeneratorSettings(
                                LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 10), 3, 5, 5, 1, 2, 0.0, 0.0))
                .forEach(messages::add);
        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        TestServices.send(topic, messages);

        // Continuous, gold at most once an hour: only the first batch with orders refreshes it.
        Lakehouse hourly = TestSpark.freshLake(dir.resolve("hourly"));
        List<OrdersStream.BatchReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        StreamingQuery query = new OrdersStream(
                        hourly,
                        new OrdersStream.Settings(
                                TestServices.kafka().bootstrapServers(),
                                topic,
                                dir.resolve("checkpoint-hourly"),
                                Duration.ofMillis(200),
                                false,
                                Optional.of(20L),
                                Optional.of(Duration.ofHours(1)),
                                false),
                        reports::add)
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (reports.stream().mapToLong(r -> r.written().received()).sum() < messages.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        query.stop();
        assertThat(reports).hasSizeGreaterThanOrEqualTo(3); // 50 messages, at most 20 a batch
        assertThat(reports.get(0).swings()).isPresent();
        assertThat(reports.subList(1, reports.size()))
                .allSatisfy(r -> assertThat(r.swings()).isEmpty());
        assertThat(hourly.read(IndustryTables.SWINGS).select("as_of").distinct().count())
                .isEqualTo(1);

        // The same orders from a file first, then from the stream: each order_id counted once.
        Lakehouse fileFirst = TestSpark.freshLake(dir.resolve("file-first"));
        Path file = dir.resolve("orders.jsonl");
        Files.write(file, messages);
        assertThat(new OrdersFileIngest(fileFirst).ingest(file, "file").total().added())
                .isEqualTo(messages.size());
        List<OrdersStream.BatchReport> after = new java.util.concurrent.CopyOnWriteArrayList<>();
        Optional<IndustrySwingsJob.Result> swings = new OrdersStream(
                        fileFirst,
                        new OrdersStream.Settings(
                                TestServices.kafka().bootstrapServers(),
                                topic,
                                dir.resolve("checkpoint-file-first"),
                                Duration.ofMillis(200),
                                true,
                                Optional.empty(),
                                Optional.empty(),
                                false),
                        after::add)
                .drain();
        assertThat(swings).isEmpty();
        assertThat(after.stream().mapToLong(r -> r.written().added()).sum()).isZero();
        assertThat(after.stream().mapToLong(r -> r.written().quarantined()).sum())
                .isEqualTo(messages.size());
        assertThat(fileFirst.read(IndustryTables.ORDERS).count()).isEqualTo(messages.size());
        assertThat(new Quarantine(fileFirst)
                        .of(IndustryTables.ORDERS)
                        .where(col("reason").startsWith("duplicate order_id: first received at " + file))
                        .count())
                .isEqualTo(messages.size());
    }

    private static void assertSame(Lakehouse streamed, Lakehouse batch, int messages) {
        assertThat(streamed.read(IndustryTables.BRONZE_ORDERS).count()).isEqualTo(messages);
        for (TableId table : List.of(IndustryTables.ORDERS, IndustryTables.ORDER_LINES)) {
            assertThat(rows(streamed.read(table))).as(table.toString()).isEqualTo(rows(batch.read(table)));
        }
        assertThat(reasons(streamed)).isEqualTo(reasons(batch));
        Dataset<Row> expected = batch.read(IndustryTables.SWINGS).drop("run_id");
        Dataset<Row> actual = streamed.read(IndustryTables.SWINGS).drop("run_id");
        Row asOf = expected.agg(org.apache.spark.sql.functions.max("as_of")).first();
        assertThat(rows(actual.where(col("as_of").equalTo(asOf.get(0)))))
                .hasSize(10)
                .isEqualTo(rows(expected));
    }

    /** Quarantine reasons without where the first copy came from (a file line there, an offset here). */
    private static List<Row> reasons(Lakehouse lake) {
        return rows(new Quarantine(lake)
                .of(IndustryTables.ORDERS)
                .select(regexp_extract(col("reason"), "^[^:0-9]*", 0).as("reason"), col("raw_record")));
    }

    private static List<Row> rows(Dataset<Row> data) {
        Dataset<Row> d = data;
        for (String c : List.of("_source", "_line", "_produced_at", "_run_id")) {
            d = d.drop(c);
        }
        String[] columns = d.columns();
        return d.orderBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
                .collectAsList();
    }
}
