package io.shoplake.cli;

import io.shoplake.cli.flyers.IngestEventsCommand;
import io.shoplake.cli.industries.IngestIndustryCustomersCommand;
import io.shoplake.cli.industries.IngestIndustryOrdersCommand;
import io.shoplake.cli.orders.IngestOrdersCommand;
import io.shoplake.cli.transactions.IngestTransactionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake ingest}: load sources into bronze; one subcommand per domain. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Load source files or databases into bronze tables (each file once, bad records quarantined).",
        subcommands = {
            IngestOrdersCommand.class,
            IngestTransactionsCommand.class,
            IngestEventsCommand.class,
            IngestIndustryCustomersCommand.class,
            IngestIndustryOrdersCommand.class
        })
final class IngestCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand (e.g. ingest orders --from DIR)");
    }
}
