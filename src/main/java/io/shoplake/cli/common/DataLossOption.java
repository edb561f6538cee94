package io.shoplake.cli.common;

import io.shoplake.sources.kafka.KafkaTopicSource;
import org.apache.spark.sql.streaming.StreamingQueryException;
import picocli.CommandLine.Option;

/**
 * The stream commands' {@code --allow-data-loss}, and the one-line error that points to it: what to do about records
 * Kafka deleted before the stream read them.
 */
public final class DataLossOption {

    @Option(
            names = "--allow-data-loss",
            description = "Skip records Kafka deleted (retention, a re-created topic) before the stream read them, "
                    + "instead of stopping with an error.")
    boolean allowDataLoss;

    /** Whether such records are skipped. */
    public boolean allowed() {
        return allowDataLoss;
    }

    /**
     * Throws a {@link RunFailedException} saying what was lost and the two ways on if {@code failure} is Kafka's data
     * loss; returns otherwise, for the caller to rethrow {@code failure} as it is.
     */
    public static void throwIfDataLoss(StreamingQueryException failure, String topic) {
        KafkaTopicSource.dataLoss(failure).ifPresent(reason -> {
            throw new RunFailedException("Kafka no longer has records of " + topic + " this stream had not read ("
                    + reason + "): they were deleted by retention, or the topic was re-created; nothing was written"
                    + " for them. Run again with --allow-data-loss to skip them, or with a new --checkpoint to read"
                    + " the topic from its earliest record.");
        });
    }
}
