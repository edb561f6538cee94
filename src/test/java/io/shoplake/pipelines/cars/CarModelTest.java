package io.shoplake.pipelines.cars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ml train and ml predict: a saved model reloads and predicts the same, and says when a query is out of its data. */
class CarModelTest {

    @TempDir
    static Path directory;

    static Lakehouse lake;
    static CarModelStore store;
    static ModelCard card;

    @BeforeAll
    static void train() {
        lake = TestSpark.freshLake(directory.resolve("lake"));
        CarFileIngest.load(lake, SharedData.require("car-evaluation/car.data"), "run-1");
        store = new CarModelStore(directory.resolve("lake"));
        card = CarModelTraining.train(
                lake,
                store,
                new CarModelTraining.Request(
                        ModelKind.RANDOM_FOREST, CarAttributes.BUYING, 3, 5, ModelComparisonTest.QUICK),
                "run-train",
                s -> {});
    }

    @Test
    void theSavedModelCarriesItsVersionSnapshotAndFigures() {
        assertThat(card.name()).isEqualTo("cars-buying");
        assertThat(card.version()).isEqualTo(1);
        assertThat(card.trainingSnapshotId())
                .isEqualTo(lake.snapshotId(CarFileIngest.CARS).getAsLong());
        assertThat(card.trainingRows()).isEqualTo(1728);
        assertThat(card.classes()).containsExactly("vhigh", "high", "med", "low");
        assertThat(card.features()).containsExactly("maint", "doors", "persons", "lug_boot", "safety", "class");
        assertThat(card.crossValidatedAccuracy().mean()).isBetween(0.0, 1.0);
        assertThat(store.versions("cars-buying")).containsExactly(1);
        Row run = new RunLedger(lake).history().where("job = 'ml train'").first();
        assertThat(run.getString(run.fieldIndex("status"))).isEqualTo("SUCCEEDED");
        assertThat(run.<String, Long>getJavaMap(run.fieldIndex("input_snapshots")))
                .containsEntry("silver.cars", card.trainingSnapshotId());
    }

    @Test
    void aReloadedModelPredictsTheSameAsTheFittedOne() {
        Dataset<Row> labelled = CarClassifier.labelled(lake.read(CarFileIngest.CARS), CarAttributes.BUYING);
        PipelineModel fitted = CarClassifier.pipeline(
                        ModelKind.RANDOM_FOREST,
                        CarAttributes.featuresFor(CarAttributes.BUYING),
                        ModelComparisonTest.QUICK,
                        5)
                .fit(labelled);
        CarModelStore.SavedModel saved = store.load(lake.spark(), "cars-buying", OptionalInt.of(1));

        List<Row> before = scores(fitted, labelled);
        List<Row> after = scores(saved.pipeline(), labelled);

        assertThat(after).hasSize(1728).isEqualTo(before);
        assertThat(saved.card()).isEqualTo(card);
    }

    @Test
    void theBriefsQueryIsOutsideTheDataAndPersonsIsAveragedOver() {
        CarModelStore.SavedModel model = store.load(lake.spark(), "cars-buying", OptionalInt.empty());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("maint", "high");
        query.put("doors", "4");
        query.put("lug_boot", "big");
        query.put("safety", "high");
        query.put("class", "good");

        CarPrediction.Result result = CarPrediction.predict(lake.spark(), model, query);

        // No car with maint=high has class good; every other pair of the query occurs.
        assertThat(result.unseen()).containsExactly("maint=high and class=good");
        assertThat(result.extrapolation()).isTrue();
        assertThat(result.matchingRows()).isZero();
        assertThat(result.averagedOver()).containsExactly(Map.entry("persons", List.of("2", "4", "more")));
        assertThat(result.notes())
                .anySatisfy(n -> assertThat(n).startsWith("persons not given: the probabilities are the average"))
                .anySatisfy(n -> assertThat(n)
                        .startsWith("warning: no car in the training data")
                        .contains("has maint=high and class=good")
                        .contains("extrapolation"));
        // The average over persons is the mean of the three explicit answers.
        double[] sum = new double[4];
        for (String persons : List.of("2", "4", "more")) {
            Map<String, String> full = new LinkedHashMap<>(query);
            full.put("persons", persons);
            CarPrediction.Result one = CarPrediction.predict(lake.spark(), model, full);
            assertThat(one.averagedOver()).isEmpty();
            int i = 0;
            for (double p : one.probabilities().values()) {
                sum[i++] += p / 3;
            }
        }
        assertThat(result.probabilities().values())
                .satisfiesExactly(
                        p -> assertThat(p).isCloseTo(sum[0], within(1e-12)),
                        p -> assertThat(p).isCloseTo(sum[1], within(1e-12)),
                        p -> assertThat(p).isCloseTo(sum[2], within(1e-12)),
                        p -> assertThat(p).isCloseTo(sum[3], within(1e-12)));
        assertThat(result.probabilities().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum())
                .isCloseTo(1.0, within(1e-9));
        String highest = result.probabilities().entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertThat(result.predicted()).isEqualTo(highest);
    }

    @Test
    void aCombinationThatExistsGetsNoWarning() {
        CarModelStore.SavedModel model = store.load(lake.spark(), "cars-buying", OptionalInt.empty());
        Map<String, String> query = Map.of(
                "maint", "vhigh",
                "doors", "2",
                "persons", "2",
                "lug_boot", "small",
                "safety", "low",
                "class", "unacc");

        CarPrediction.Result result = CarPrediction.predict(lake.spark(), model, query);

        assertThat(result.unseen()).isEmpty();
        assertThat(result.extrapolation()).isFalse();
        // One car per buying value has exactly these attributes.
        assertThat(result.matchingRows()).isEqualTo(4);
        assertThat(result.notes()).isEmpty();
        assertThatThrownBy(() -> CarPrediction.predict(lake.spark(), model, Map.of("maint", "cheap")))
                .hasMessage("maint must be one of vhigh, high, med, low, was: cheap");
        assertThatThrownBy(() -> CarPrediction.predict(lake.spark(), model, Map.of("buying", "low")))
                .hasMessage("buying is what model cars-buying predicts: leave it out");
    }

    private static List<Row> scores(PipelineModel model, Dataset<Row> rows) {
        return CarClassifier.scored(model, ModelKind.RANDOM_FOREST, rows)
                .select(
                        "maint",
                        "doors",
                        "persons",
                        "lug_boot",
                        "safety",
                        "class",
                        "buying",
                        "prediction",
                        "probabilities")
                .orderBy("maint", "doors", "persons", "lug_boot", "safety", "class", "buying")
                .collectAsList();
    }
}
