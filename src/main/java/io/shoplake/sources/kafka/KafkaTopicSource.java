package io.shoplake.sources.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkThrowable;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/** A Kafka topic as a Spark stream of its records (key, value, topic, partition, offset, timestamp). */
public final class KafkaTopicSource {

    /** Spark's error condition for records Kafka no longer has (its sub-conditions say how). */
    private static final String DATA_LOSS = "KAFKA_DATA_LOSS";

    private KafkaTopicSource() {}

    /**
     * The topic from its earliest offset (a new checkpoint starts at the beginning; an existing one resumes where it
     * stopped), at most {@code maxRecordsPerBatch} records a micro-batch if given (back-pressure). Records Kafka
     * deleted before the stream read them (retention, a re-created topic) stop the stream with Spark's data-loss
     * error ({@link #dataLoss}) unless {@code allowDataLoss}: then they are skipped, with only Spark's warning in the
     * log.
     */
    public static Dataset<Row> read(
            SparkSession spark,
            String bootstrap,
            String topic,
            Optional<Long> maxRecordsPerBatch,
            boolean allowDataLoss) {
        requireNonNull(spark, "spark is null");
        requireNonNull(bootstrap, "bootstrap is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(maxRecordsPerBatch, "maxRecordsPerBatch is null");
        var reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", Boolean.toString(!allowDataLoss))
                // A topic partition is one task unless split: with fewer partitions than cores the micro-batch would
                // leave cores idle.
                .option("minPartitions", spark.sparkContext().defaultParallelism());
        if (maxRecordsPerBatch.isPresent()) {
            reader = reader.option("maxOffsetsPerTrigger", maxRecordsPerBatch.get());
        }
        return reader.load();
    }

    /**
     * Starts a query named {@code name} that hands each micro-batch of {@code records} (from {@link #read}, shaped as
     * the caller likes) to {@code batch}, keeping its progress in {@code checkpoint} so a restart resumes where it
     * stopped. Every {@code every} if given; if empty, it drains what the topic holds now and stops by itself.
     */
    public static StreamingQuery start(
            Dataset<Row> records,
            String name,
            Path checkpoint,
            Optional<Duration> every,
            VoidFunction2<Dataset<Row>, Long> batch) {
        requireNonNull(records, "records is null");
        requireNonNull(name, "name is null");
        requireNonNull(checkpoint, "checkpoint is null");
        requireNonNull(every, "every is null");
        requireNonNull(batch, "batch is null");
        try {
            return records.writeStream()
                    .queryName(name)
                    .option("checkpointLocation", checkpoint.toAbsolutePath().toString())
                    .trigger(
                            every.map(d -> Trigger.ProcessingTime(d.toMillis())).orElse(Trigger.AvailableNow()))
                    .foreachBatch(batch)
                    .start();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the stream did not start: " + e.getMessage(), e);
        }
    }

    /**
     * If {@code failure} (a stream's, with its causes) is Kafka reporting records gone before they were read, what
     * Spark says happened, on one line (e.g. "Could not read records in offset [4, 7) for topic partition orders-0").
     */
    public static Optional<String> dataLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            boolean lost = cause instanceof SparkThrowable thrown
                            && thrown.getCondition() != null
                            && thrown.getCondition().startsWith(DATA_LOSS)
                    || message != null && message.contains("[" + DATA_LOSS);
            if (lost) {
                String text = message == null
                        ? ""
                        : String.join(" ", message.strip().lines().toList());
                int reason = text.lastIndexOf("Reason:");
                String said = reason < 0
                        ? text
                        : text.substring(reason + "Reason:".length()).strip();
                // The consumer group Spark names is its own, generated one: nothing a user can look up.
                int group = said.indexOf(" with consumer group");
                return Optional.of(group < 0 ? said : said.substring(0, group));
            }
        }
        return Optional.empty();
    }
}
