package io.shoplake.cli;

import io.shoplake.cli.publish.PublishJdbcCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake publish}: copy lake tables to where other tools read them. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Publish a lake table to an external database (idempotent upserts by key).",
        subcommands = {PublishJdbcCommand.class})
final class PublishCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing target (e.g. publish postgres --table gold.covid_daily --url JDBC_URL)");
    }
}
