package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stratified k-fold cross-validation of one model kind on silver.cars rows: for each fold, fit on the other folds,
 * score the held-out fold. Each row is scored exactly once, by a model that never saw it.
 */
public final class CrossValidation {

    private final Dataset<Row> folded;
    private final CarAttribute target;
    private final int folds;
    private final long seed;
    private final ModelSettings settings;

    private CrossValidation(Dataset<Row> folded, CarAttribute target, int folds, long seed, ModelSettings settings) {
        this.folded = folded;
        this.target = target;
        this.folds = folds;
        this.seed = seed;
        this.settings = settings;
    }

    /**
     * Prepares the folds of {@code cars} for {@code target}; cached until {@link #release()}.
     *
     * @throws IllegalArgumentException when {@code folds} is below 2 or above the rows of the rarest class
     */
    public static CrossValidation of(
            Dataset<Row> cars, CarDataFacts facts, CarAttribute target, int folds, long seed, ModelSettings settings) {
        requireNonNull(settings, "settings is null");
        if (folds < 2 || folds > facts.rarestClassRows()) {
            throw new IllegalArgumentException("folds must be between 2 and " + facts.rarestClassRows()
                    + " (the rows of the rarest " + target.name() + " value), was: " + folds);
        }
        Dataset<Row> folded = StratifiedFolds.assign(
                        CarClassifier.labelled(cars, target), CarClassifier.LABEL, folds, seed)
                .cache();
        return new CrossValidation(folded, target, folds, seed, settings);
    }

    /** One model's score on every fold, in fold order. */
    public List<FoldScore> run(ModelKind kind, Consumer<String> progress) {
        List<FoldScore> scores = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            progress.accept(kind.label() + ": fold " + (fold + 1) + "/" + folds);
            Dataset<Row> training = folded.where(col(StratifiedFolds.FOLD).notEqual(fold));
            Dataset<Row> held = folded.where(col(StratifiedFolds.FOLD).equalTo(fold));
            PipelineModel model = CarClassifier.pipeline(kind, CarAttributes.featuresFor(target), settings, seed)
                    .fit(training);
            scores.add(FoldScore.of(CarClassifier.scored(model, kind, held), target.values()));
        }
        return List.copyOf(scores);
    }

    public void release() {
        folded.unpersist();
    }
}
