package io.shoplake.cli;

import io.shoplake.cli.flyers.StreamEventsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake stream}: continuous ingest from Kafka. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = "Continuously ingest a Kafka topic and keep the derived tables current.",
        subcommands = {StreamEventsCommand.class})
final class StreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (events)");
    }
}
