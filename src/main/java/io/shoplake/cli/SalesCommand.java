package io.shoplake.cli;

import io.shoplake.cli.sales.SalesLoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake sales}: the members' sales database on PostgreSQL. */
@Command(
        name = "sales",
        mixinStandardHelpOptions = true,
        description = "The members' sales database on PostgreSQL (schema, team roles, loads).",
        subcommands = {SalesLoadCommand.class})
final class SalesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (load)");
    }
}
