package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ml train}: fits one model kind on all of silver.cars as of its current snapshot, cross-validates the same
 * kind on the same rows for honest figures, and saves the fitted pipeline with its card and coverage in the
 * {@link CarModelStore}; the step is recorded in ops.runs with the input snapshot.
 */
public final class CarModelTraining {

    private static final String JOB = "ml train";

    private CarModelTraining() {}

    /** How to train: the kind, the target, the cross-validation folds and seed, the settings. */
    public record Request(ModelKind kind, CarAttribute target, int folds, long seed, ModelSettings settings) {
        public Request {
            requireNonNull(kind, "kind is null");
            requireNonNull(target, "target is null");
            requireNonNull(settings, "settings is null");
        }
    }

    /**
     * Trains and saves; returns the saved model's card.
     *
     * @throws IllegalArgumentException when silver.cars is missing or empty, or the folds do not fit the data
     */
    public static ModelCard train(
            Lakehouse lake, CarModelStore store, Request request, String runId, Consumer<String> progress) {
        if (!lake.exists(CarFileIngest.CARS)) {
            throw new IllegalArgumentException(
                    "no " + CarFileIngest.CARS + " to train on: load the data first (ingest cars --from FILE)");
        }
        long snapshot = lake.snapshotId(CarFileIngest.CARS)
                .orElseThrow(() -> new IllegalArgumentException(CarFileIngest.CARS + " has no snapshot yet"));
        // Read exactly the snapshot recorded in the card, even if the table changes meanwhile.
        Dataset<Row> cars = lake.sql("SELECT * FROM " + CarFileIngest.CARS + " VERSION AS OF " + snapshot);
        ModelCard[] saved = new ModelCard[1];
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "train " + ModelCard.nameFor(request.target()) + " ("
                                + request.kind().label() + ")",
                        Optional.empty(),
                        List.of(CarFileIngest.CARS),
                        List.of(),
                        () -> {
                            saved[0] = trainAndSave(cars, snapshot, store, request, runId, progress);
                            return new StepCounts(saved[0].trainingRows(), saved[0].trainingRows(), 0);
                        });
        return saved[0];
    }

    private static ModelCard trainAndSave(
            Dataset<Row> cars,
            long snapshot,
            CarModelStore store,
            Request request,
            String runId,
            Consumer<String> progress) {
        CarAttribute target = request.target();
        List<CarAttribute> features = CarAttributes.featuresFor(target);
        CarDataFacts facts = CarDataFacts.of(cars, target);
        if (facts.rows() == 0) {
            throw new IllegalArgumentException(CarFileIngest.CARS + " is empty: nothing to train on");
        }
        CrossValidation validation =
                CrossValidation.of(cars, facts, target, request.folds(), request.seed(), request.settings());
        ModelComparison.ModelResult validated;
        try {
            validated = ModelComparison.ModelResult.of(request.kind(), validation.run(request.kind(), progress));
        } finally {
            validation.release();
        }
        progress.accept(request.kind().label() + ": fitting on all " + facts.rows() + " rows");
        Dataset<Row> labelled = CarClassifier.labelled(cars, target);
        PipelineModel model = CarClassifier.pipeline(request.kind(), features, request.settings(), request.seed())
                .fit(labelled);
        FoldScore training = FoldScore.of(CarClassifier.scored(model, request.kind(), labelled), target.values());
        Column[] featureColumns = features.stream().map(a -> col(a.name())).toArray(Column[]::new);
        Dataset<Row> coverage = cars.groupBy(featureColumns).agg(count(lit(1)).as("rows"));
        ModelCard card = new ModelCard(
                ModelCard.nameFor(target),
                1,
                request.kind().label(),
                request.kind().description(),
                target.name(),
                target.values(),
                features.stream().map(CarAttribute::name).toList(),
                request.settings(),
                CarFileIngest.CARS.toString(),
                snapshot,
                facts.rows(),
                runId,
                request.folds(),
                request.seed(),
                validated.accuracy(),
                validated.macroF1(),
                validated.logLoss(),
                training.accuracy());
        return store.save(card, model, coverage);
    }
}
