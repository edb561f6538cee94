package io.shoplake.cli;

import io.shoplake.cli.covid.RunCovidCommand;
import io.shoplake.cli.flyers.RunFlyerEngagementCommand;
import io.shoplake.cli.industries.RunIndustrySwingsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake run}: runs a job for an as-of date or a range of dates. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a job for a date or a range of dates.",
        subcommands = {RunFlyerEngagementCommand.class, RunCovidCommand.class, RunIndustrySwingsCommand.class})
final class RunCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing job (flyer-engagement, covid, industry-swings)");
    }
}
