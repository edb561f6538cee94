package io.shoplake.cli;

import io.shoplake.cli.orders.MysqlLoadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake mysql}: work with the shop's MySQL database. */
@Command(
        name = "mysql",
        mixinStandardHelpOptions = true,
        description = "Work with the shop's MySQL database (the orders source system).",
        subcommands = {MysqlLoadCommand.class})
final class MysqlCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (load)");
    }
}
