package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.sources.kafka.KafkaTopicSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.types.DataTypes;

/**
 * Orders from a Kafka topic into {@code bronze.industry_orders_raw} and silver by Spark Structured Streaming, then
 * {@code gold.industry_swings} for the latest order: running continuously, refreshed after each micro-batch that added
 * orders (or at most every {@code refreshEvery}); {@link #drain draining} what the topic holds, once at the end. Each
 * micro-batch goes through {@link OrdersStore}, which skips what an earlier attempt at the same batch already wrote:
 * with the checkpoint's offsets a restart after a kill loses and doubles nothing.
 */
public final class OrdersStream {

    public static final String JOB = "stream-industry-orders";

    /**
     * Stream settings.
     *
     * @param bootstrap Kafka bootstrap servers
     * @param topic the orders topic
     * @param checkpoint the query's checkpoint folder
     * @param trigger micro-batch interval
     * @param availableNow process what the topic holds now, then stop
     * @param maxOffsetsPerTrigger cap on records per micro-batch (back-pressure), if any
     * @param refreshEvery refresh gold at most this often; empty: after every batch that added orders
     * @param allowDataLoss skip records Kafka deleted before they were read instead of stopping
     */
    public record Settings(
            String bootstrap,
            String topic,
            Path checkpoint,
            Duration trigger,
            boolean availableNow,
            Optional<Long> maxOffsetsPerTrigger,
            Optional<Duration> refreshEvery,
            boolean allowDataLoss) {
        public Settings {
            requireNonNull(bootstrap, "bootstrap is null");
            requireNonNull(topic, "topic is null");
            requireNonNull(checkpoint, "checkpoint is null");
            requireNonNull(trigger, "trigger is null");
            requireNonNull(maxOffsetsPerTrigger, "maxOffsetsPerTrigger is null");
            requireNonNull(refreshEvery, "refreshEvery is null");
            if (trigger.isNegative()) {
                throw new IllegalArgumentException("trigger must not be negative, was: " + trigger);
            }
            maxOffsetsPerTrigger.ifPresent(n -> {
                if (n < 1) {
                    throw new IllegalArgumentException("max records per batch must be at least 1, was: " + n);
                }
            });
        }
    }

    /** What one micro-batch did. */
    public record BatchReport(long batchId, OrdersStore.Written written, Optional<IndustrySwingsJob.Result> swings) {}

    private final Lakehouse lake;
    private final Settings settings;
    private final Consumer<BatchReport> listener;
    private long lastRefreshNanos = Long.MIN_VALUE;
    private volatile boolean addedSinceRefresh;

    public OrdersStream(Lakehouse lake, Settings settings, Consumer<BatchReport> listener) {
        this.lake = requireNonNull(lake, "lake is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Processes what the topic holds now (the settings must say {@code availableNow}), then refreshes gold once if
     * any batch added orders: a backfill does not recompute the swings after every batch of history.
     */
    public Optional<IndustrySwingsJob.Result> drain() throws StreamingQueryException {
        if (!settings.availableNow()) {
            throw new IllegalStateException("drain() is for an available-now stream; a continuous one is start()ed");
        }
        start().awaitTermination();
        return addedSinceRefresh ? Optional.of(refresh(RunLedger.newRunId())) : Optional.empty();
    }

    /** Starts the query; {@code availableNow} queries stop by themselves once the topic is drained. */
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
                settings.availableNow() ? Optional.empty() : Optional.of(settings.trigger()),
                this::processBatch);
    }

    /** Kafka records as bronze rows: the value as text, its topic, partition, offset and produce time. */
    public static Dataset<Row> messages(Dataset<Row> records, String runId) {
        Column partition = col("partition").cast(DataTypes.IntegerType);
        return records.select(
                col("value").cast(DataTypes.StringType).as("value"),
                lit(null).cast(DataTypes.StringType).as("file"),
                lit(null).cast(DataTypes.LongType).as("line"),
                col("topic"),
                partition.as("partition"),
                col("offset"),
                concat(lit("kafka:"), col("topic"), lit("/"), partition.cast(DataTypes.StringType))
                        .as("_source"),
                col("offset").as("_line"),
                col("timestamp").as("_produced_at"),
                lit(runId).as("_run_id"),
                current_timestamp().as("_ingested_at"));
    }

    void processBatch(Dataset<Row> batch, long batchId) {
        String runId = RunLedger.newRunId();
        OrdersStore.Written[] written = new OrdersStore.Written[1];
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "batch-" + batchId,
                        Optional.empty(),
                        List.of(),
                        List.of(IndustryTables.BRONZE_ORDERS, IndustryTables.ORDERS, IndustryTables.ORDER_LINES),
                        () -> {
                            written[0] = new OrdersStore(lake).write(messages(batch, runId), runId);
                            return new StepCounts(
                                    written[0].received(),
                                    written[0].added() + written[0].alreadyPresent(),
                                    written[0].quarantined());
                        });
        addedSinceRefresh |= written[0].added() > 0;
        Optional<IndustrySwingsJob.Result> swings = Optional.empty();
        if (addedSinceRefresh && !settings.availableNow() && refreshDue()) {
            swings = Optional.of(refresh(runId));
        }
        listener.accept(new BatchReport(batchId, written[0], swings));
    }

    private IndustrySwingsJob.Result refresh(String runId) {
        IndustrySwingsJob.Result result = new IndustrySwingsJob(lake)
                .run(Optional.empty(), SwingWindow.DEFAULT_WINDOW_HOURS, SwingWindow.DEFAULT_BASELINE_DAYS, runId);
        lastRefreshNanos = System.nanoTime();
        addedSinceRefresh = false;
        return result;
    }

    private boolean refreshDue() {
        if (settings.refreshEvery().isEmpty() || lastRefreshNanos == Long.MIN_VALUE) {
            return true;
        }
        return System.nanoTime() - lastRefreshNanos
                >= settings.refreshEvery().get().toNanos();
    }
}
