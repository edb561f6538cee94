package io.shoplake.cli.industries;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.DataLossOption;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.pipelines.industries.IndustrySwingsJob;
import io.shoplake.pipelines.industries.OrdersStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StreamingQueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake stream industry-orders}: orders from Kafka into silver, gold.industry_swings kept current. */
@Command(
        name = "industry-orders",
        mixinStandardHelpOptions = true,
        description = "Stream orders (JSON values) from Kafka into bronze.industry_orders_raw, silver.industry_orders "
                + "and silver.industry_order_lines, refreshing gold.industry_swings after each micro-batch. Restarts "
                + "resume from the checkpoint; nothing is lost or counted twice.")
public final class StreamIndustryOrdersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(names = "--topic", required = true, paramLabel = "T", description = "The orders topic.")
    String topic;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR",
            description = "Checkpoint folder (default: <lake>/state/checkpoints/stream-industry-orders-<topic>).")
    Path checkpoint;

    @Option(
            names = "--trigger",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Micro-batch interval, e.g. 1s, 30s (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(names = "--max-records-per-batch", paramLabel = "N", description = "Cap on records per micro-batch.")
    Long maxRecords;

    @Option(
            names = "--refresh-every",
            paramLabel = "DURATION",
            description = "Refresh gold.industry_swings at most this often (default: after every batch with orders).")
    String refreshEvery;

    @Mixin
    DataLossOption dataLoss;

    @Option(
            names = "--available-now",
            description = "Process what the topic holds now, then stop; gold is refreshed once, at the end.")
    boolean availableNow;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws StreamingQueryException {
        try (Workspace workspace = Workspace.of(common)) {
            Path folder = checkpoint != null
                    ? checkpoint
                    : workspace
                            .settings()
                            .stateDirectory("the default checkpoint (without --checkpoint)")
                            .resolve("checkpoints")
                            .resolve("stream-industry-orders-" + topic);
            OrdersStream.Settings settings = UsageException.whenInvalid(() -> new OrdersStream.Settings(
                    kafka,
                    topic,
                    folder,
                    TimeOptions.duration("--trigger", trigger),
                    availableNow,
                    Optional.ofNullable(maxRecords),
                    Optional.ofNullable(refreshEvery).map(r -> TimeOptions.duration("--refresh-every", r)),
                    dataLoss.allowed()));
            PrintWriter out = spec.commandLine().getOut();
            AtomicLong lastBatch = new AtomicLong(-1);
            OrdersStream stream = new OrdersStream(workspace.lake(), settings, report -> {
                lastBatch.set(report.batchId());
                out.printf(
                        "batch %d: %d messages, %d orders added, %d already present, %d quarantined%s%n",
                        report.batchId(),
                        report.written().received(),
                        report.written().added(),
                        report.written().alreadyPresent(),
                        report.written().quarantined(),
                        report.swings().map(StreamIndustryOrdersCommand::top).orElse(""));
                out.flush();
            });
            out.println("streaming " + topic + " from " + kafka + " (checkpoint " + settings.checkpoint() + ")"
                    + (availableNow ? ", until drained" : ", Ctrl-C to stop"));
            out.flush();
            try {
                if (availableNow) {
                    stream.drain().ifPresent(swings -> out.println("gold refreshed once drained" + top(swings)));
                } else {
                    stream.start().awaitTermination();
                }
            } catch (StreamingQueryException e) {
                DataLossOption.throwIfDataLoss(e, topic);
                throw e;
            }
            out.println("stream stopped after batch " + (lastBatch.get() < 0 ? "none" : lastBatch.get()));
            return ExitCode.OK;
        }
    }

    private static String top(IndustrySwingsJob.Result swings) {
        return "; swings as of " + swings.asOf() + ", top: "
                + String.join(
                        ", ",
                        swings.top(3).stream()
                                .map(IndustrySwingsJob.Swing::industry)
                                .toList());
    }
}
