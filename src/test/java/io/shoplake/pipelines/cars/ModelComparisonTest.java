package io.shoplake.pipelines.cars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-validation on the real car data: the baseline by hand, every kind's mechanics, the same seed the same figures. */
class ModelComparisonTest {

    /** Small models: these tests are about the mechanics, not the quality. */
    static final ModelSettings QUICK = new ModelSettings(10, 0.01, 3, 5, 3, 3, 2, 1.0);

    @TempDir
    static Path directory;

    static Dataset<Row> cars;

    @BeforeAll
    static void load() {
        Lakehouse lake = TestSpark.freshLake(directory.resolve("lake"));
        CarFileIngest.load(lake, SharedData.require("car-evaluation/car.data"), "run-1");
        cars = lake.read(CarFileIngest.CARS);
    }

    @Test
    void theBaselineScoresTheMajorityShareOfEachHeldOutFold() {
        ModelComparison.Result buying =
                ModelComparison.compare(cars, CarAttributes.BUYING, 5, 42, List.of(ModelKind.MAJORITY), QUICK, s -> {});
        // 432 cars per buying value: each fold holds the four values equally, so any one value is right for 1/4;
        // the training shares are all 1/4, so the log loss is ln 4.
        ModelComparison.ModelResult baseline = buying.models().get(0);
        assertThat(baseline.folds())
                .extracting(ModelComparison.FoldMetrics::accuracy)
                .containsExactly(0.25, 0.25, 0.25, 0.25, 0.25);
        assertThat(baseline.logLoss().mean()).isCloseTo(Math.log(4), within(1e-9));
        assertThat(buying.data().fullEnumeration()).isTrue();
        assertThat(buying.data().majorityShare()).isEqualTo(0.25);

        ModelComparison.Result carClass =
                ModelComparison.compare(cars, CarAttributes.CLASS, 5, 42, List.of(ModelKind.MAJORITY), QUICK, s -> {});
        // unacc 1210 = 5 x 242; acc 384 = 77+77+77+77+76; good 69 = 14+14+14+14+13; vgood 65 = 5 x 13.
        // Folds 0-3 hold 346 rows, fold 4 holds 344; the baseline always says unacc.
        assertThat(carClass.models().get(0).folds())
                .extracting(ModelComparison.FoldMetrics::rows, ModelComparison.FoldMetrics::accuracy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(346L, 242.0 / 346),
                        org.assertj.core.groups.Tuple.tuple(346L, 242.0 / 346),
                        org.assertj.core.groups.Tuple.tuple(346L, 242.0 / 346),
                        org.assertj.core.groups.Tuple.tuple(346L, 242.0 / 346),
                        org.assertj.core.groups.Tuple.tuple(344L, 242.0 / 344));
        assertThat(carClass.bestConfusion().counts().get(0)).containsExactly(1210L, 0L, 0L, 0L);
    }

    @Test
    void theCeilingIsTheBestLookupTableOfTheRows() throws IOException {
        // Independently of Spark: group the file's lines by everything but buying, keep the commonest buying count.
        Map<String, Map<String, Integer>> byFeatures = new HashMap<>();
        List<String> lines = Files.readAllLines(SharedData.require("car-evaluation/car.data")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        for (String line : lines) {
            String buying = line.substring(0, line.indexOf(','));
            byFeatures
                    .computeIfAbsent(line.substring(line.indexOf(',')), k -> new HashMap<>())
                    .merge(buying, 1, Integer::sum);
        }
        int best = byFeatures.values().stream()
                .mapToInt(m ->
                        m.values().stream().mapToInt(Integer::intValue).max().orElseThrow())
                .sum();

        CarDataFacts facts = CarDataFacts.of(cars, CarAttributes.BUYING);

        assertThat(facts.ceiling()).isEqualTo((double) best / lines.size());
        assertThat(facts.ceiling()).isCloseTo(0.358, within(0.001));
    }

    @Test
    void everyKindScoresEveryRowOnceAndTheSameSeedGivesTheSameFigures() {
        List<String> progress = new java.util.ArrayList<>();
        ModelComparison.Result first = ModelComparison.compare(
                cars, CarAttributes.BUYING, 3, 11, List.of(ModelKind.values()), QUICK, progress::add);

        assertThat(first.models())
                .extracting(ModelComparison.ModelResult::model)
                .containsExactly(
                        "logistic-regression",
                        "decision-tree",
                        "random-forest",
                        "gradient-boosted-trees",
                        "naive-bayes",
                        "majority");
        assertThat(progress).hasSize(18).startsWith("logistic-regression: fold 1/3");
        for (ModelComparison.ModelResult model : first.models()) {
            assertThat(model.confusion().total()).as(model.model()).isEqualTo(1728);
            assertThat(model.folds())
                    .extracting(ModelComparison.FoldMetrics::rows)
                    .containsExactly(576L, 576L, 576L);
            assertThat(model.logLoss().mean()).as(model.model()).isPositive();
        }
        assertThat(first.notes()).anySatisfy(n -> assertThat(n).startsWith("Chance: 4 buying values;"));
        assertThat(first.notes())
                .anySatisfy(n -> assertThat(n).startsWith("Ceiling:").contains("35.8%"));

        // The seeded, randomised model again: the same folds, the same forest, the same figures.
        ModelComparison.Result again = ModelComparison.compare(
                cars, CarAttributes.BUYING, 3, 11, List.of(ModelKind.RANDOM_FOREST), QUICK, s -> {});
        assertThat(again.models()).containsExactly(first.models().get(2));
    }
}
