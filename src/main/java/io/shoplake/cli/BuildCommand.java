package io.shoplake.cli;

import io.shoplake.cli.orders.BuildOrdersCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code shoplake build <domain>}: builds a domain's silver tables from bronze. */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = "Build silver tables (typed, checked, de-duplicated) from bronze.",
        subcommands = {BuildOrdersCommand.class, io.shoplake.cli.customers360.BuildCustomers360Command.class})
final class BuildCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing domain (one of: orders, customers360)");
    }
}
