package io.shoplake.cli.prediction;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake predict}: next-order prediction with probabilistic purchase models (BG/NBD, Pareto/NBD). */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predict who orders next and when (BG/NBD or Pareto/NBD, Gamma-Gamma spend), fit and backtest.",
        subcommands = {
            PredictNextOrdersCommand.class,
            PredictFitCommand.class,
            PredictBacktestCommand.class,
        })
public final class PredictCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing subcommand (next-orders, fit or backtest)");
    }
}
