package io.shoplake.sources.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A Kafka topic as a Spark stream of its records (key, value, topic, partition, offset, timestamp). */
public final class KafkaTopicSource {

    private KafkaTopicSource() {}

    /**
     * The topic from its earliest offset (a new checkpoint starts at the beginning; an existing one resumes where it
     * stopped), at most {@code maxRecordsPerBatch} records a micro-batch if given (back-pressure).
     */
    public static Dataset<Row> read(
            SparkSession spark, String bootstrap, String topic, Optional<Long> maxRecordsPerBatch) {
        requireNonNull(spark, "spark is null");
        requireNonNull(bootstrap, "bootstrap is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(maxRecordsPerBatch, "maxRecordsPerBatch is null");
        var reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("failOnDataLoss", "false")
                // A topic partition is one task unless split: with fewer partitions than cores the micro-batch would
                // leave cores idle.
                .option("minPartitions", spark.sparkContext().defaultParallelism());
        if (maxRecordsPerBatch.isPresent()) {
            reader = reader.option("maxOffsetsPerTrigger", maxRecordsPerBatch.get());
        }
        return reader.load();
    }
}
