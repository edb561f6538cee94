package io.shoplake.cli.cars;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.cars.CarModelStore;
import io.shoplake.pipelines.cars.CarModelTraining;
import io.shoplake.pipelines.cars.ModelCard;
import io.shoplake.pipelines.cars.ModelKind;
import io.shoplake.pipelines.cars.ModelSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ml train}: fits one model kind on silver.cars and saves it under the lake's models/ folder. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Fit one model on all of silver.cars and save the fitted pipeline (feature encoding included)"
                + " under <lake>/models/cars-<target>/v<N>/ with the training snapshot id and cross-validated"
                + " figures.")
public final class MlTrainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Mixin
    TargetOption targetOption;

    @Mixin
    CvOptions cv;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "NAME",
            description = "logistic-regression, decision-tree, random-forest, gradient-boosted-trees, naive-bayes"
                    + " or majority.")
    String model;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What {@code --json} prints: where the model went and its card. */
    public record Trained(String folder, ModelCard card) {}

    @Override
    public Integer call() {
        ModelKind kind = UsageException.whenInvalid(() -> ModelKind.of(model));
        var request = new CarModelTraining.Request(
                kind, targetOption.target(), cv.folds(), cv.seed(), ModelSettings.defaults());
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.of(common)) {
            CarModelStore store = new CarModelStore(
                    UsageException.whenInvalid(() -> workspace.settings().localDirectory("the car model store")));
            ModelCard card;
            try {
                card = CarModelTraining.train(workspace.lake(), store, request, RunLedger.newRunId(), line -> {
                    err.println(line);
                    err.flush();
                });
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            String folder = store.folder(card.name(), card.version()).toString();
            output.print(spec.commandLine().getOut(), new Trained(folder, card), MlTrainCommand::print);
            return ExitCode.OK;
        }
    }

    private static void print(PrintWriter out, Trained trained) {
        ModelCard card = trained.card();
        out.println("saved " + card.name() + " v" + card.version() + " (" + card.model() + ") to " + trained.folder());
        out.println("trained on " + card.trainingRows() + " rows of " + card.trainingTable() + " (snapshot "
                + card.trainingSnapshotId() + "), run " + card.runId());
        out.println(card.folds() + "-fold cross-validated (seed " + card.seed() + "): accuracy "
                + CarTables.spread(card.crossValidatedAccuracy()) + ", macro F1 "
                + CarTables.spread(card.crossValidatedMacroF1()) + ", log loss "
                + CarTables.spread(card.crossValidatedLogLoss()));
        out.println("accuracy on its own training rows: " + CarTables.figure(card.trainingAccuracy())
                + " (optimistic: the cross-validated figure is the one to expect on new cars)");
    }
}
