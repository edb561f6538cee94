package io.shoplake.cli;

import io.shoplake.cli.cars.IngestCarsCommand;
import io.shoplake.cli.covid.IngestCovidCommand;
import io.shoplake.cli.flyers.IngestEventsCommand;
import io.shoplake.cli.http.IngestApiCommand;
import io.shoplake.cli.industries.IngestIndustryCustomersCommand;
import io.shoplake.cli.industries.IngestIndustryOrdersCommand;
import io.shoplake.cli.memberships.IngestApplicationsCommand;
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
            io.shoplake.cli.customers360.IngestCustomersJsonCommand.class,
            IngestApiCommand.class,
            IngestCovidCommand.class,
            IngestCarsCommand.class,
            IngestApplicationsCommand.class,
            IngestIndustryCustomersCommand.class,
            IngestIndustryOrdersCommand.class,
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
