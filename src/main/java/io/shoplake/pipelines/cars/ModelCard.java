package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a saved model is, stored beside it as {@code model.json}: its name and version, the model kind and settings,
 * target and classes (in probability order), the features, the training data (table, Iceberg snapshot id, rows),
 * the run that trained it, the cross-validated figures of the same kind on the same data (seed and folds), and the
 * accuracy on its own training rows (an optimistic figure, kept for contrast).
 */
public record ModelCard(
        String name,
        int version,
        String model,
        String description,
        String target,
        List<String> classes,
        List<String> features,
        ModelSettings settings,
        String trainingTable,
        long trainingSnapshotId,
        long trainingRows,
        String runId,
        int folds,
        long seed,
        Spread crossValidatedAccuracy,
        Spread crossValidatedMacroF1,
        Spread crossValidatedLogLoss,
        double trainingAccuracy) {

    public ModelCard {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        requireNonNull(target, "target is null");
        classes = List.copyOf(classes);
        features = List.copyOf(features);
        requireNonNull(settings, "settings is null");
        requireNonNull(trainingTable, "trainingTable is null");
        requireNonNull(runId, "runId is null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was: " + version);
        }
    }

    /** The name models for {@code target} are saved under, e.g. {@code cars-buying}. */
    public static String nameFor(CarAttribute target) {
        return "cars-" + target.name().replace('_', '-');
    }

    public ModelKind kind() {
        return ModelKind.of(model);
    }

    ModelCard withVersion(int next) {
        return new ModelCard(
                name,
                next,
                model,
                description,
                target,
                classes,
                features,
                settings,
                trainingTable,
                trainingSnapshotId,
                trainingRows,
                runId,
                folds,
                seed,
                crossValidatedAccuracy,
                crossValidatedMacroF1,
                crossValidatedLogLoss,
                trainingAccuracy);
    }
}
