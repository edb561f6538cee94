package io.shoplake.cli;

import io.shoplake.cli.flyers.StreamEventsCommand;
import io.shoplake.cli.industries.StreamIndustryOrdersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake stream}: continuous ingest from Kafka. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = "Continuously ingest a Kafka topic and keep the derived tables current.",
        subcommands = {StreamEventsCommand.class, StreamIndustryOrdersCommand.class})
final class StreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (events, industry-orders)");
    }
}
