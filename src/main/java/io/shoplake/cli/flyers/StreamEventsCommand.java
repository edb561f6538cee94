package io.shoplake.cli.flyers;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.DataLossOption;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.pipelines.flyers.EventsStream;
import io.shoplake.pipelines.flyers.MaxGap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoplake stream events}: app events from Kafka into silver.events and the flyer engagement gold tables,
 * micro-batch by micro-batch (results within the trigger interval plus a batch's run time).
 */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Stream app events (JSON or CSV values) from Kafka into silver.events and the flyer engagement "
                + "gold tables; late events are quarantined. Restarts resume from the checkpoint.")
public final class StreamEventsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    MetricOptions metric;

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The events topic.")
    String topic;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR",
            description = "Checkpoint folder (default: <lake>/state/checkpoints/stream-events-<topic>).")
    Path checkpoint;

    @Option(
            names = "--trigger",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "Micro-batch interval, e.g. 10s, 1m; at most 2m (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(
            names = "--watermark",
            paramLabel = "DURATION",
            defaultValue = "2h",
            description =
                    "Events older than the latest event time minus this are late and quarantined (default: ${DEFAULT-VALUE}).")
    String watermark;

    @Option(names = "--max-records-per-batch", paramLabel = "N", description = "Cap on records per micro-batch.")
    Long maxRecords;

    @Option(names = "--until-idle", description = "Process what the topic holds now, then stop.")
    boolean untilIdle;

    @Mixin
    DataLossOption dataLoss;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws StreamingQueryException {
        EventsStream.Settings settings;
        try (Workspace workspace = Workspace.of(common)) {
            try {
                Path folder = checkpoint != null
                        ? checkpoint
                        : workspace
                                .settings()
                                .stateDirectory("the default checkpoint (without --checkpoint)")
                                .resolve("checkpoints")
                                .resolve("stream-events-" + topic);
                settings = new EventsStream.Settings(
                        kafka,
                        topic,
                        folder,
                        MaxGap.parse(trigger),
                        MaxGap.parse(watermark),
                        untilIdle,
                        Optional.ofNullable(maxRecords),
                        dataLoss.allowed());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            StreamingQuery query =
                    new EventsStream(workspace.lake(), metric.settings(workspace.config()), settings).start();
            out.println("streaming " + topic + " from " + kafka + " (checkpoint " + settings.checkpoint() + ")"
                    + (untilIdle ? ", until idle" : ", Ctrl-C to stop"));
            out.flush();
            try {
                query.awaitTermination();
            } catch (StreamingQueryException e) {
                DataLossOption.throwIfDataLoss(e, topic);
                throw e;
            }
            out.println("stream stopped after batch "
                    + (query.lastProgress() == null
                            ? "none"
                            : String.valueOf(query.lastProgress().batchId())));
            return ExitCode.OK;
        }
    }
}
