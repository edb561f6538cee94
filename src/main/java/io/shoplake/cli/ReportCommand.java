package io.shoplake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake report}: prints a business report from the gold tables. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a business report from the gold tables.",
        subcommands = {ReportFlyerEngagementCommand.class})
final class ReportCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing report (flyer-engagement)");
    }
}
