package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code ml compare}: cross-validates every model kind on the same stratified folds and says what the figures mean
 * ({@link ComparisonNotes}). The best model is the one with the highest mean macro F1 (then the lowest mean log loss,
 * then the listing order); its confusion matrix is summed over the held-out folds.
 */
public final class ModelComparison {

    /** One fold's figures. */
    public record FoldMetrics(int fold, long rows, double accuracy, double macroF1, double logLoss) {}

    /** One model kind over all folds. */
    public record ModelResult(
            String model,
            String description,
            Spread accuracy,
            Spread macroF1,
            Spread logLoss,
            List<FoldMetrics> folds,
            ConfusionMatrix confusion) {

        public ModelResult {
            folds = List.copyOf(folds);
        }

        static ModelResult of(ModelKind kind, List<FoldScore> scores) {
            List<FoldMetrics> folds = new ArrayList<>();
            ConfusionMatrix total = null;
            for (int i = 0; i < scores.size(); i++) {
                FoldScore score = scores.get(i);
                folds.add(new FoldMetrics(
                        i, score.confusion().total(), score.accuracy(), score.macroF1(), score.logLoss()));
                total = total == null ? score.confusion() : total.plus(score.confusion());
            }
            return new ModelResult(
                    kind.label(),
                    kind.description(),
                    Spread.of(folds.stream().map(FoldMetrics::accuracy).toList()),
                    Spread.of(folds.stream().map(FoldMetrics::macroF1).toList()),
                    Spread.of(folds.stream().map(FoldMetrics::logLoss).toList()),
                    folds,
                    total);
        }
    }

    /**
     * The comparison: the data's facts, every model's figures (in the order compared), the best one and its
     * summed confusion matrix, and the plain-words notes.
     */
    public record Result(
            String target,
            List<String> features,
            int folds,
            long seed,
            CarDataFacts data,
            List<ModelResult> models,
            String best,
            ConfusionMatrix bestConfusion,
            List<String> notes) {

        public Result {
            features = List.copyOf(features);
            models = List.copyOf(models);
            notes = List.copyOf(notes);
        }
    }

    private ModelComparison() {}

    /** Compares {@code kinds} on {@code cars} (silver.cars rows); {@code progress} gets a line per fold. */
    public static Result compare(
            Dataset<Row> cars,
            CarAttribute target,
            int folds,
            long seed,
            List<ModelKind> kinds,
            ModelSettings settings,
            Consumer<String> progress) {
        requireNonNull(target, "target is null");
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("at least one model kind must be compared");
        }
        CarDataFacts facts = CarDataFacts.of(cars, target);
        CrossValidation validation = CrossValidation.of(cars, facts, target, folds, seed, settings);
        List<ModelResult> results = new ArrayList<>();
        try {
            for (ModelKind kind : kinds) {
                results.add(ModelResult.of(kind, validation.run(kind, progress)));
            }
        } finally {
            validation.release();
        }
        ModelResult best = results.stream()
                .sorted(Comparator.comparingDouble(
                                (ModelResult r) -> -r.macroF1().mean())
                        .thenComparingDouble(r -> r.logLoss().mean()))
                .findFirst()
                .orElseThrow();
        return new Result(
                target.name(),
                CarAttributes.featuresFor(target).stream()
                        .map(CarAttribute::name)
                        .toList(),
                folds,
                seed,
                facts,
                results,
                best.model(),
                best.confusion(),
                ComparisonNotes.of(target, facts, results, best));
    }
}
