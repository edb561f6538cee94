package io.shoplake.cli.cars;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.cars.CarAttribute;
import io.shoplake.pipelines.cars.CarFileIngest;
import io.shoplake.pipelines.cars.ModelComparison;
import io.shoplake.pipelines.cars.ModelKind;
import io.shoplake.pipelines.cars.ModelSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shoplake ml compare}: stratified k-fold cross-validation of every model kind on silver.cars. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Cross-validate logistic regression, decision tree, random forest, gradient-boosted trees"
                + " (one-vs-rest), naive Bayes and the majority baseline on silver.cars: accuracy, macro F1 and log"
                + " loss (mean ± sd over folds), the best model's confusion matrix, and what the figures mean.")
public final class MlCompareCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Mixin
    TargetOption targetOption;

    @Mixin
    CvOptions cv;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CarAttribute target = targetOption.target();
        int folds = cv.folds();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.of(common)) {
            if (!workspace.lake().exists(CarFileIngest.CARS)) {
                throw new RunFailedException(
                        "no " + CarFileIngest.CARS + " to compare on: load the data first (ingest cars --from FILE)");
            }
            ModelComparison.Result result;
            try {
                result = ModelComparison.compare(
                        workspace.lake().read(CarFileIngest.CARS),
                        target,
                        folds,
                        cv.seed(),
                        List.of(ModelKind.values()),
                        ModelSettings.defaults(),
                        line -> {
                            err.println(line);
                            err.flush();
                        });
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            output.print(spec.commandLine().getOut(), result, MlCompareCommand::print);
            return ExitCode.OK;
        }
    }

    private static void print(PrintWriter out, ModelComparison.Result result) {
        out.println("ml compare: " + result.target() + " from " + String.join(", ", result.features()) + "; "
                + result.data().rows() + " rows of silver.cars, " + result.folds() + " stratified folds, seed "
                + result.seed());
        List<List<String>> rows = new ArrayList<>();
        for (ModelComparison.ModelResult model : result.models()) {
            rows.add(List.of(
                    model.model(),
                    CarTables.figure(model.accuracy().mean()),
                    CarTables.figure(model.accuracy().sd()),
                    CarTables.figure(model.macroF1().mean()),
                    CarTables.figure(model.macroF1().sd()),
                    CarTables.figure(model.logLoss().mean()),
                    CarTables.figure(model.logLoss().sd())));
        }
        Output.table(out, List.of("model", "accuracy", "sd", "macro_f1", "sd", "log_loss", "sd"), rows);
        out.println();
        out.println("best: " + result.best() + "; its confusion matrix over the " + result.folds()
                + " held-out folds (each row predicted once, by a model that never saw it):");
        CarTables.confusion(out, result.target(), result.bestConfusion());
        out.println();
        out.println("What the figures mean:");
        result.notes().forEach(note -> out.println("- " + note));
    }
}
