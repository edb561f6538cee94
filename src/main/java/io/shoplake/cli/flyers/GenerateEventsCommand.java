package io.shoplake.cli.flyers;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.PipelineSections;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.console.Output;
import io.shoplake.pipelines.flyers.generator.EventsGenerator;
import io.shoplake.pipelines.flyers.generator.EventsGeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake generate events}: synthetic flyer app events (Parquet or CSV part files), any size. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Generate flyer app events: sessions of opens, lists and idle gaps, junk ids, UTC offsets.")
public final class GenerateEventsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (replaced).")
    Path out;

    @Option(names = "--events", required = true, paramLabel = "N", description = "How many events.")
    long events;

    @Option(names = "--users", paramLabel = "U", description = "Distinct users (default: events / 50).")
    Integer users;

    @Option(
            names = "--merchants",
            paramLabel = "M",
            defaultValue = "200",
            description = "Merchants (default: ${DEFAULT-VALUE}).")
    int merchants;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--junk-rate",
            paramLabel = "R",
            defaultValue = "0.02",
            description = "Share of ids replaced by junk placeholders, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double junkRate;

    @Option(
            names = "--days",
            paramLabel = "D",
            defaultValue = "1",
            description = "Days of events (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--start",
            paramLabel = "YYYY-MM-DD",
            defaultValue = "2018-10-01",
            description = "First local date (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(
            names = "--format",
            paramLabel = "parquet|csv",
            defaultValue = "parquet",
            description =
                    "parquet (silver.events columns) or csv (the app's export with offsets and junk text); default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EventsGeneratorSettings settings;
        try {
            EventsGeneratorSettings defaults = EventsGeneratorSettings.defaults(Math.max(1, events));
            settings = new EventsGeneratorSettings(
                    events,
                    users == null ? defaults.users() : users,
                    merchants,
                    seed,
                    junkRate,
                    days,
                    start,
                    EventsGeneratorSettings.Format.of(format));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ShoplakeConfig config = PipelineSections.resolve(common.config());
        SparkSession spark = Workspace.spark(config, common);
        try {
            long started = System.nanoTime();
            new EventsGenerator(spark).write(settings, out.toAbsolutePath().toString());
            double seconds = (System.nanoTime() - started) / 1e9;
            var printer = spec.commandLine().getOut();
            if (json.json()) {
                Output.json(
                        printer,
                        Map.of(
                                "events",
                                events,
                                "out",
                                out.toAbsolutePath().toString(),
                                "format",
                                format,
                                "seconds",
                                Math.round(seconds * 100) / 100.0));
            } else {
                printer.printf(
                        "wrote %,d events to %s (%s) in %.1f s%n", events, out.toAbsolutePath(), format, seconds);
            }
            return ExitCode.OK;
        } finally {
            spark.stop();
        }
    }
}
