package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ml predict}: a saved model's answer for one car. Features left out are averaged over: the query is
 * completed with every value of each missing feature, each completion scored, and the class probabilities averaged
 * with equal weight. Values the training rows never hold together are named, since the answer for them is an
 * extrapolation.
 */
public final class CarPrediction {

    /**
     * One answer.
     *
     * @param given          the feature values asked for, in the model's feature order
     * @param averagedOver   each feature left out and the values averaged over
     * @param matchingRows   training rows holding every given value
     * @param unseen         values never seen (together) in the training rows, e.g. {@code maint=high and class=good}
     * @param notes          the averaging and the out-of-data warning in words, for people
     */
    public record Result(
            String model,
            int version,
            String kind,
            String target,
            String predicted,
            Map<String, Double> probabilities,
            Map<String, String> given,
            Map<String, List<String>> averagedOver,
            long matchingRows,
            long trainingRows,
            long trainingSnapshotId,
            boolean extrapolation,
            List<String> unseen,
            List<String> notes) {

        public Result {
            probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
            given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
            averagedOver = Collections.unmodifiableMap(new LinkedHashMap<>(averagedOver));
            unseen = List.copyOf(unseen);
            notes = List.copyOf(notes);
        }
    }

    private CarPrediction() {}

    /**
     * Predicts for {@code given} (feature name to value).
     *
     * @throws IllegalArgumentException for a column that is not one of the model's features, or a value it cannot
     *     take (the message lists the allowed ones)
     */
    public static Result predict(SparkSession spark, CarModelStore.SavedModel model, Map<String, String> given) {
        requireNonNull(given, "given is null");
        ModelCard card = model.card();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> averaged = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (!card.features().contains(name)) {
                throw new IllegalArgumentException(
                        name.equals(card.target())
                                ? name + " is what model " + card.name() + " predicts: leave it out"
                                : "not a feature of model " + card.name() + ": " + name);
            }
        }
        for (String feature : card.features()) {
            CarAttribute attribute = CarAttributes.of(feature);
            String value = given.get(feature);
            if (value == null) {
                averaged.put(feature, attribute.values());
            } else if (attribute.indexOf(value) < 0) {
                throw new IllegalArgumentException(
                        feature + " must be one of " + String.join(", ", attribute.values()) + ", was: " + value);
            } else {
                query.put(feature, value);
            }
        }
        List<Row> completions = completions(card.features(), query);
        StructType schema = new StructType();
        for (String feature : card.features()) {
            schema = schema.add(feature, DataTypes.StringType, false);
        }
        Dataset<Row> rows = spark.createDataFrame(completions, schema);
        List<Row> scored = CarClassifier.scored(model.pipeline(), card.kind(), rows)
                .select(CarClassifier.PROBABILITIES)
                .collectAsList();
        double[] mean = new double[card.classes().size()];
        for (Row row : scored) {
            List<Double> probabilities = row.getList(0);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += probabilities.get(i) / scored.size();
            }
        }
        int best = 0;
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < mean.length; i++) {
            probabilities.put(card.classes().get(i), mean[i]);
            if (mean[i] > mean[best]) {
                best = i;
            }
        }
        List<String> unseen = model.coverage().unseen(query).stream()
                .map(TrainingCoverage.Unseen::describe)
                .toList();
        return new Result(
                card.name(),
                card.version(),
                card.model(),
                card.target(),
                card.classes().get(best),
                probabilities,
                query,
                averaged,
                model.coverage().rows(query),
                card.trainingRows(),
                card.trainingSnapshotId(),
                !unseen.isEmpty(),
                unseen,
                notes(card, averaged, unseen));
    }

    private static List<String> notes(ModelCard card, Map<String, List<String>> averaged, List<String> unseen) {
        List<String> notes = new ArrayList<>();
        averaged.forEach((feature, values) -> notes.add(feature + " not given: the probabilities are the average over "
                + feature + " = " + String.join(", ", values) + ", with equal weight."));
        if (!unseen.isEmpty()) {
            notes.add("warning: no car in the training data (" + card.trainingTable() + " snapshot "
                    + card.trainingSnapshotId() + ", " + card.trainingRows() + " rows) has "
                    + String.join("; none has ", unseen)
                    + ". The answer is an extrapolation: the model never saw such a car, so it shows how the model"
                    + " generalises, not what the data says.");
        }
        return List.copyOf(notes);
    }

    /** Every full feature row: the given values, and each combination of the missing features' values. */
    private static List<Row> completions(List<String> features, Map<String, String> query) {
        List<List<String>> partial = List.of(List.of());
        for (String feature : features) {
            List<String> choices = query.containsKey(feature)
                    ? List.of(query.get(feature))
                    : CarAttributes.of(feature).values();
            List<List<String>> extended = new ArrayList<>();
            for (List<String> prefix : partial) {
                for (String choice : choices) {
                    List<String> next = new ArrayList<>(prefix);
                    next.add(choice);
                    extended.add(next);
                }
            }
            partial = extended;
        }
        return partial.stream()
                .map(values -> RowFactory.create(values.toArray()))
                .toList();
    }
}
