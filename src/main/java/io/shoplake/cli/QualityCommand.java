package io.shoplake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code shoplake quality}: the data-quality history every pipeline records in ops.dq_results. */
@Command(
        name = "quality",
        mixinStandardHelpOptions = true,
        description = "Data-quality history (ops.dq_results) of every pipeline.",
        subcommands = QualityReportCommand.class)
final class QualityCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (report)");
    }
}
