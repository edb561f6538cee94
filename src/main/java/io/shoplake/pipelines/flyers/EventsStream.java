package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.sources.kafka.KafkaTopicSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * App events from a Kafka topic (JSON or CSV values) kept in {@code silver.events} and the flyer engagement gold
 * tables by Spark Structured Streaming. Each micro-batch adds its valid events to silver idempotently (by event key,
 * so a replayed batch doubles nothing), quarantines bad and late events, and recomputes the gold tables for the
 * dates it touched with the batch job: streamed results equal batch results by construction.
 *
 * <p>Lateness: an event whose time is before (the latest event time of all earlier batches − watermark) is late.
 * The value used for each batch is stored under the checkpoint before the batch writes, so a replay judges alike.
 */
public final class EventsStream {

    public static final String JOB = "stream-events";
    static final StructType VALUE = new StructType()
            .add("timestamp", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("event", DataTypes.StringType)
            .add("flyer_id", DataTypes.StringType)
            .add("merchant_id", DataTypes.StringType);

    /**
     * Stream settings.
     *
     * @param bootstrap Kafka bootstrap servers
     * @param topic the events topic
     * @param checkpoint the query's checkpoint folder (offsets, commits, and the per-batch watermarks)
     * @param trigger micro-batch interval
     * @param watermark how late an event may be and still count
     * @param untilIdle process what is in the topic now, then stop
     * @param maxOffsetsPerTrigger cap on records per micro-batch, if any
     * @param allowDataLoss skip records Kafka deleted before they were read instead of stopping
     */
    public record Settings(
            String bootstrap,
            String topic,
            Path checkpoint,
            Duration trigger,
            Duration watermark,
            boolean untilIdle,
            Optional<Long> maxOffsetsPerTrigger,
            boolean allowDataLoss) {
        public Settings {
            requireNonNull(bootstrap, "bootstrap is null");
            requireNonNull(topic, "topic is null");
            requireNonNull(checkpoint, "checkpoint is null");
            requireNonNull(trigger, "trigger is null");
            requireNonNull(watermark, "watermark is null");
            requireNonNull(maxOffsetsPerTrigger, "maxOffsetsPerTrigger is null");
            if (trigger.isNegative() || trigger.isZero()) {
                throw new IllegalArgumentException("trigger must be positive, was: " + trigger);
            }
            if (trigger.compareTo(Duration.ofMinutes(2)) > 0) {
                throw new IllegalArgumentException(
                        "trigger must be at most 2m (results are due within 2 minutes), was: " + trigger.getSeconds()
                                + "s");
            }
            if (watermark.isNegative()) {
                throw new IllegalArgumentException("watermark must not be negative, was: " + watermark);
            }
        }
    }

    private final Lakehouse lake;
    private final MetricSettings metric;
    private final Settings settings;
    private final EventsSilver silver;

    public EventsStream(Lakehouse lake, MetricSettings metric, Settings settings) {
        this.lake = requireNonNull(lake, "lake is null");
        this.metric = requireNonNull(metric, "metric is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.silver = new EventsSilver(EventTypes.accepted(metric));
    }

    /** Starts the query; {@code untilIdle} queries stop by themselves once the topic is drained. */
    public StreamingQuery start() {
        Dataset<Row> records = KafkaTopicSource.read(
                lake.spark(),
                settings.bootstrap(),
                settings.topic(),
                settings.maxOffsetsPerTrigger(),
                settings.allowDataLoss());
        return KafkaTopicSource.start(
                records,
                JOB + "-" + settings.topic(),
                settings.checkpoint(),
                settings.untilIdle() ? Optional.empty() : Optional.of(settings.trigger()),
                this::processBatch);
    }

    /** Kafka records (value, topic, partition, offset) as bronze-shaped rows: the five source columns as text. */
    static Dataset<Row> sourceRows(Dataset<Row> records) {
        Column value = col("value").cast(DataTypes.StringType);
        Column parsed = when(trim(value).startsWith("{"), from_json(value, VALUE))
                .otherwise(from_csv(value, lit(VALUE.toDDL()), Map.<String, String>of()));
        return records.select(value.as("raw"), parsed.as("v"), col("topic"), col("partition"), col("offset"))
                .select(
                        col("v.timestamp").as("timestamp"),
                        col("v.user_id").as("user_id"),
                        col("v.event").as("event"),
                        col("v.flyer_id").as("flyer_id"),
                        col("v.merchant_id").as("merchant_id"),
                        concat(
                                        lit("kafka:"),
                                        col("topic"),
                                        lit("/"),
                                        col("partition").cast("string"))
                                .as("_source"),
                        col("offset").as("_line"));
    }

    /** One micro-batch: silver, quarantine, gold for the touched dates. Safe to run again for the same batch. */
    void processBatch(Dataset<Row> batch, long batchId) {
        String runId = RunLedger.newRunId();
        Dataset<Row> rows = sourceRows(batch).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Optional<Timestamp> lateBefore = lateBefore(batchId, rows);
            long[] counts = new long[3];
            List<Object> touched = new java.util.ArrayList<>();
            new RunLedger(lake)
                    .step(
                            runId,
                            JOB,
                            "batch-" + batchId,
                            Optional.empty(),
                            List.of(),
                            List.of(FlyerEngagementTables.EVENTS, FlyerEngagementTables.EVENTS.quarantine()),
                            () -> {
                                EventsSilver.Conformed conformed = silver.conform(rows, runId);
                                Dataset<Row> valid = conformed.events();
                                Column late = lateBefore
                                        .map(t -> col("event_at").lt(lit(t)))
                                        .orElse(lit(false));
                                Dataset<Row> onTime =
                                        valid.where(late.unary_$bang()).persist(StorageLevel.MEMORY_AND_DISK());
                                Dataset<Row> lateRejects = Quarantine.records(
                                        valid.where(late),
                                        col("_source"),
                                        col("_line"),
                                        org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
                                                col("event_at"),
                                                col("user_id"),
                                                col("event"),
                                                col("flyer_id"),
                                                col("merchant_id"))),
                                        concat(
                                                lit("late event: before the watermark "),
                                                lit(lateBefore
                                                        .map(Timestamp::toInstant)
                                                        .map(Object::toString)
                                                        .orElse(""))),
                                        runId);
                                try {
                                    counts[0] = rows.count();
                                    counts[1] = onTime.count();
                                    new EventsStore(lake).appendNew(onTime);
                                    counts[2] =
                                            appendRejects(conformed.rejects().unionByName(lateRejects));
                                    Row range = onTime.agg(min("local_date"), max("local_date"))
                                            .first();
                                    if (!range.isNullAt(0)) {
                                        touched.add(range.getDate(0).toLocalDate());
                                        touched.add(range.getDate(1).toLocalDate());
                                    }
                                    return new StepCounts(counts[0], counts[1], counts[2]);
                                } finally {
                                    onTime.unpersist();
                                }
                            });
            if (!touched.isEmpty()) {
                // A view opened the day before can end on a touched date: that day is recomputed too.
                LocalDate from = ((LocalDate) touched.get(0)).minusDays(1);
                LocalDate to = (LocalDate) touched.get(1);
                new FlyerEngagementJob(lake, new RunLedger(lake), metric).run(from, to);
            }
        } finally {
            rows.unpersist();
        }
    }

    /** Appends rejects not already quarantined (same source, line and reason): replays add nothing. */
    private long appendRejects(Dataset<Row> rejects) {
        Dataset<Row> fresh = rejects;
        Quarantine quarantine = new Quarantine(lake);
        if (lake.exists(FlyerEngagementTables.EVENTS.quarantine())) {
            Dataset<Row> existing = quarantine.of(FlyerEngagementTables.EVENTS).select("source", "line", "reason");
            fresh = rejects.join(
                    existing,
                    rejects.col("source")
                            .eqNullSafe(existing.col("source"))
                            .and(rejects.col("line").eqNullSafe(existing.col("line")))
                            .and(rejects.col("reason").eqNullSafe(existing.col("reason"))),
                    "left_anti");
        }
        fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = fresh.count();
            if (count > 0) {
                quarantine.append(FlyerEngagementTables.EVENTS, fresh);
            }
            return count;
        } finally {
            fresh.unpersist();
        }
    }

    /**
     * The lateness bound of a batch: (max event time of all earlier batches) − watermark. Stored per batch under
     * {@code <checkpoint>/shoplake-watermarks/<batchId>} as "maxBefore maxInBatch" (epoch micros, -1 for none).
     */
    private Optional<Timestamp> lateBefore(long batchId, Dataset<Row> rows) {
        try {
            org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(
                    settings.checkpoint().toAbsolutePath().toUri().toString(), "shoplake-watermarks");
            FileSystem fs = folder.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
            org.apache.hadoop.fs.Path mine = new org.apache.hadoop.fs.Path(folder, Long.toString(batchId));
            long maxBefore;
            if (fs.exists(mine)) {
                maxBefore = read(fs, mine)[0];
            } else {
                maxBefore = -1;
                long latest = -1;
                if (fs.exists(folder)) {
                    for (FileStatus status : fs.listStatus(folder)) {
                        String name = status.getPath().getName();
                        if (name.matches("[0-9]+") && Long.parseLong(name) < batchId && Long.parseLong(name) > latest) {
                            latest = Long.parseLong(name);
                        }
                    }
                }
                if (latest >= 0) {
                    long[] previous = read(fs, new org.apache.hadoop.fs.Path(folder, Long.toString(latest)));
                    maxBefore = Math.max(previous[0], previous[1]);
                }
                Row max = rows.selectExpr("max(unix_micros(try_cast(trim(timestamp) AS TIMESTAMP)))")
                        .first();
                long maxInBatch = max.isNullAt(0) ? -1 : max.getLong(0);
                fs.mkdirs(folder);
                try (FSDataOutputStream out = fs.create(mine, true)) {
                    out.write((maxBefore + " " + maxInBatch).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (maxBefore < 0) {
                return Optional.empty();
            }
            long bound = maxBefore - settings.watermark().toNanos() / 1000;
            Timestamp timestamp = new Timestamp(Math.floorDiv(bound, 1000));
            timestamp.setNanos((int) Math.floorMod(bound, 1_000_000L) * 1000);
            return Optional.of(timestamp);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or write stream watermarks under " + settings.checkpoint() + ": " + e.getMessage(), e);
        }
    }

    private static long[] read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            String[] parts =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }
    }
}
