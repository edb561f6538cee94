package io.shoplake.pipelines.flyers;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka stream against the in-process broker: equal to batch, restart-safe, late events quarantined. */
class EventsStreamTest {

    private static final LocalDate DAY = LocalDate.of(2018, 10, 1);
    private static final int EVENTS = 2_500;

    @TempDir
    Path dir;

    @Test
    void streamedDayEqualsBatchAndARestartLosesAndDoublesNothing() throws Exception {
        // The first 2,500 events of the real day file; every third sent as JSON, the rest as CSV lines.
        List<String> lines = Files.readAllLines(SharedData.require("flyer-events/Data_Engineer_Take_home_dataset.csv"))
                .subList(1, EVENTS + 1);
        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            values.add(
                    i % 3 == 0
                            ? "{\"timestamp\":\"" + f[0] + "\",\"user_id\":\"" + f[1] + "\",\"event\":\"" + f[2]
                                    + "\",\"flyer_id\":\"" + f[3] + "\",\"merchant_id\":\"" + f[4] + "\"}"
                            : lines.get(i));
        }
        TestServices.send(topic, values);

        Lakehouse streamed = TestSpark.freshLake(dir.resolve("streamed"));
        Path checkpoint = dir.resolve("checkpoint");
        // A 24h watermark: the file's rows are unsorted over the whole day, none of them is late.
        EventsStream.Settings continuous = new EventsStream.Settings(
                TestServices.kafka().bootstrapServers(),
                topic,
                checkpoint,
                Duration.ofSeconds(1),
                Duration.ofHours(24),
                false,
                Optional.of(1_000L),
                false);
        StreamingQuery first = new EventsStream(streamed, MetricSettings.DEFAULT, continuous).start();
        // Stop mid-way: once batch 0 (1,000 records) is committed and batch 1 has begun (its offsets are logged).
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!(Files.exists(checkpoint.resolve("commits/0")) && Files.exists(checkpoint.resolve("offsets/1")))
                && first.isActive()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        first.stop();
        first.awaitTermination();
        long committedBeforeStop = lastBatch(checkpoint.resolve("commits"));
        assertThat(committedBeforeStop)
                .as("last batch committed before the stop")
                .isGreaterThanOrEqualTo(0);
        long afterStop = streamed.read(FlyerEngagementTables.EVENTS).count();
        assertThat(afterStop).isPositive();

        EventsStream.Settings untilIdle = new EventsStream.Settings(
                TestServices.kafka().bootstrapServers(),
                topic,
                checkpoint,
                Duration.ofSeconds(1),
                Duration.ofHours(24),
                true,
                Optional.of(1_000L),
                false);
        StreamingQuery restarted = new EventsStream(streamed, MetricSettings.DEFAULT, untilIdle).start();
        restarted.awaitTermination();
        // It resumed after the last committed batch (not from the start of the topic) and ran to batch 2.
        assertThat(restarted.recentProgress())
                .extracting(progress -> progress.batchId())
                .first()
                .isEqualTo(committedBeforeStop + 1);
        assertThat(lastBatch(checkpoint.resolve("commits"))).isEqualTo(2);
        assertThat(streamed.read(FlyerEngagementTables.EVENTS).count()).isGreaterThan(afterStop);

        // The same events through the batch path.
        Lakehouse batch = TestSpark.freshLake(dir.resolve("batch"));
        EventsSilver.Conformed conformed =
                new EventsSilver(EventTypes.accepted(MetricSettings.DEFAULT)).conform(bronze(lines), "batch-run");
        new EventsStore(batch).appendNew(conformed.events());
        new Quarantine(batch).append(FlyerEngagementTables.EVENTS, conformed.rejects());
        new FlyerEngagementJob(batch, new RunLedger(batch), MetricSettings.DEFAULT).run(DAY, DAY);

        assertSameResults(streamed, batch);

        // Replay the last batch (as after a crash between its writes and its commit): nothing doubles.
        Path commits = checkpoint.resolve("commits");
        long lastBatch = lastBatch(commits);
        Files.delete(commits.resolve(Long.toString(lastBatch)));
        Files.deleteIfExists(commits.resolve("." + lastBatch + ".crc"));
        StreamingQuery replay = new EventsStream(streamed, MetricSettings.DEFAULT, untilIdle).start();
        replay.awaitTermination();
        // The restart after an interrupted batch (SPARK-55271's case) ran that very batch again, and committed it.
        assertThat(replay.recentProgress())
                .extracting(progress -> progress.batchId())
                .first()
                .isEqualTo(lastBatch);
        assertThat(lastBatch(commits)).isEqualTo(lastBatch);
        assertSameResults(streamed, batch);
    }

    /** The highest batch id in a checkpoint log folder ({@code offsets} or {@code commits}); -1 when empty. */
    private static long lastBatch(Path log) throws java.io.IOException {
        if (!Files.isDirectory(log)) {
            return -1;
        }
        try (var files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+"))
                    .mapToLong(Long::parseLong)
                    .max()
                    .orElse(-1);
        }
    }

    @Test
    void eventsBeforeTheWatermarkAreQuarantinedAsLate() throws Exception {
        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        Lakehouse lake = TestSpark.freshLake(dir.resolve("late"));
        EventsStream.Settings settings = new EventsStream.Settings(
                TestServices.kafka().bootstrapServers(),
                topic,
                dir.resolve("late-checkpoint"),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                true,
                Optional.empty(),
                false);
        TestServices.send(
                topic,
                List.of("2018-10-01T12:00:00-04:00,u1,flyer_open,10,1", "2018-10-01T12:00:40-04:00,u1,list_flyers,,"));
        new EventsStream(lake, MetricSettings.DEFAULT, settings).start().awaitTermination();
        // Latest event time so far: 12:00:40; watermark 1h: events before 11:00:40 (local) are late.
        TestServices.send(
                topic,
                List.of(
                        "2018-10-01T10:59:00-04:00,u2,flyer_open,10,1", // late
                        "2018-10-01T11:30:00-04:00,u2,flyer_open,11,1", // within the watermark
                        "2018-10-01T11:30:20-04:00,u2,favorite,,1",
                        "not a timestamp,u3,flyer_open,10,1"));
        new EventsStream(lake, MetricSettings.DEFAULT, settings).start().awaitTermination();

        List<String> reasons = new Quarantine(lake)
                .of(FlyerEngagementTables.EVENTS).orderBy("line").collectAsList().stream()
                        .map(r -> r.getLong(1) + " " + r.getString(3))
                        .toList();
        assertThat(reasons)
                .containsExactly(
                        "2 late event: before the watermark 2018-10-01T15:00:40Z",
                        "5 unparsable timestamp: not a timestamp");
        // u1: 40s on flyer 10; u2: 20s on flyer 11 (the late 10:59 open never entered silver).
        List<String> daily =
                lake.read(FlyerEngagementTables.FLYER_TIME_DAILY).orderBy("user_id").collectAsList().stream()
                        .map(r -> r.getString(0) + " " + r.getLong(2) + " "
                                + r.getDecimal(3).stripTrailingZeros().toPlainString())
                        .toList();
        assertThat(daily).containsExactly("u1 1 40", "u2 1 20");
    }

    private static void assertSameResults(Lakehouse streamed, Lakehouse batch) {
        for (TableId table : List.of(
                FlyerEngagementTables.EVENTS,
                FlyerEngagementTables.FLYER_TIME_DAILY,
                FlyerEngagementTables.MERCHANT_FLYER_REPORT,
                FlyerEngagementTables.MERCHANT_DAILY)) {
            List<Row> expected = rows(batch, table);
            assertThat(rows(streamed, table))
                    .as(table.toString())
                    .hasSize(expected.size())
                    .isEqualTo(expected);
        }
        assertThat(new Quarantine(streamed).of(FlyerEngagementTables.EVENTS).count())
                .isEqualTo(
                        new Quarantine(batch).of(FlyerEngagementTables.EVENTS).count());
    }

    private static List<Row> rows(Lakehouse lake, TableId table) {
        var data = lake.read(table);
        if (table.equals(FlyerEngagementTables.EVENTS)) {
            data = data.drop("_source", "_line");
        }
        String[] columns = data.columns();
        return data.orderBy(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
                .collectAsList();
    }

    private static org.apache.spark.sql.Dataset<Row> bronze(List<String> lines) {
        StructType schema = new StructType()
                .add("timestamp", DataTypes.StringType)
                .add("user_id", DataTypes.StringType)
                .add("event", DataTypes.StringType)
                .add("flyer_id", DataTypes.StringType)
                .add("merchant_id", DataTypes.StringType)
                .add("_source", DataTypes.StringType)
                .add("_line", DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            rows.add(RowFactory.create(f[0], f[1], f[2], f[3], f[4], "file", (long) i));
        }
        return TestSpark.spark().createDataFrame(rows, schema);
    }
}
