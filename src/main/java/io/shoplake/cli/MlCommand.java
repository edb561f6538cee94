package io.shoplake.cli;

import io.shoplake.cli.cars.MlCompareCommand;
import io.shoplake.cli.cars.MlPredictCommand;
import io.shoplake.cli.cars.MlTrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shoplake ml}: the car-evaluation classifier: compare models, train one, predict with it. */
@Command(
        name = "ml",
        mixinStandardHelpOptions = true,
        description = "Classify cars (silver.cars) with Spark MLlib: compare models honestly, train one, predict.",
        subcommands = {
            MlCompareCommand.class,
            MlTrainCommand.class,
            MlPredictCommand.class,
        })
final class MlCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (compare, train or predict)");
    }
}
