package io.shoplake.cli;

import io.shoplake.cli.flyers.ReportFlyerEngagementCommand;
import io.shoplake.cli.industries.ReportIndustrySwingsCommand;
import io.shoplake.cli.orders.OrderPatternsReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code shoplake report <name>}: business reports over the lake. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Business reports over the lake.",
        subcommands = {
            OrderPatternsReportCommand.class,
            ReportFlyerEngagementCommand.class,
            ReportIndustrySwingsCommand.class
        })
final class ReportCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing report (one of: order-patterns, flyer-engagement, industry-swings)");
    }
}
