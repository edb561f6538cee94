package io.shoplake.cli;

import io.shoplake.cli.flyers.GenerateEventsCommand;
import io.shoplake.cli.industries.GenerateIndustryOrdersCommand;
import io.shoplake.cli.orders.GenerateOrdersCommand;
import io.shoplake.cli.sales.GenerateSalesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake generate}: synthetic data sets, deterministic for a seed. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate synthetic data sets (deterministic for a seed).",
        subcommands = {
            GenerateOrdersCommand.class,
            GenerateEventsCommand.class,
            io.shoplake.cli.customers360.GenerateCustomersJsonCommand.class,
            GenerateSalesCommand.class,
            GenerateIndustryOrdersCommand.class
        })
final class GenerateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand (orders, events, customers-json, sales, industry-orders)");
    }
}
