package io.shoplake.cli.cars;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest cars, ml train and ml predict through the real CLI on a temporary lake; usage errors exit 2. */
class CarsCommandsTest {

    @TempDir
    Path dir;

    @Test
    void ingestTrainAndPredictTheBriefsQuery() {
        String lake = dir.resolve("lake").toString();
        String file = SharedData.require("car-evaluation/car.data").toString();

        CliResult ingest = CliTestSupport.run("ingest", "cars", "--from", file, "--lake", lake);
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).startsWith("silver.cars: 1728 rows loaded, 0 quarantined (quarantine.silver_cars)");

        CliResult train = CliTestSupport.run("ml", "train", "--model", "naive-bayes", "--folds", "3", "--lake", lake);
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).startsWith("saved cars-buying v1 (naive-bayes) to ");
        assertThat(train.out()).contains("trained on 1728 rows of silver.cars (snapshot ");
        assertThat(train.err()).contains("naive-bayes: fold 3/3");

        CliResult predict = CliTestSupport.run(
                "ml",
                "predict",
                "--maint",
                "high",
                "--doors",
                "4",
                "--lug-boot",
                "big",
                "--safety",
                "high",
                "--class",
                "good",
                "--lake",
                lake);
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out())
                .startsWith("cars-buying v1 (naive-bayes), for maint=high, doors=4, lug_boot=big, safety=high,"
                        + " class=good:\npredicted buying: ")
                .contains("training rows with these values: 0 of 1728")
                .contains("persons not given: the probabilities are the average over persons = 2, 4, more")
                .contains("warning: no car in the training data (silver.cars snapshot ")
                .contains("has maint=high and class=good. The answer is an extrapolation");

        CliResult known = CliTestSupport.run(
                "ml",
                "predict",
                "--maint",
                "low",
                "--doors",
                "2",
                "--persons",
                "4",
                "--lug-boot",
                "med",
                "--safety",
                "high",
                "--class",
                "good",
                "--json",
                "--lake",
                lake);
        assertThat(known.exitCode()).as(known.err()).isZero();
        assertThat(known.out())
                .contains("\"extrapolation\" : false")
                .contains("\"unseen\" : [ ]")
                .contains("\"matching_rows\" : 2");

        CliResult badValue = CliTestSupport.run("ml", "predict", "--maint", "cheap", "--lake", lake);
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).isEqualTo("error: maint must be one of vhigh, high, med, low, was: cheap\n");
    }

    @Test
    void usageErrorsExitTwoAndAMissingModelOne() {
        String lake = dir.resolve("lake").toString();

        CliResult folds = CliTestSupport.run("ml", "compare", "--folds", "1", "--lake", lake);
        assertThat(folds.exitCode()).isEqualTo(2);
        assertThat(folds.err()).isEqualTo("error: --folds must be at least 2, was: 1\n");

        CliResult model = CliTestSupport.run("ml", "train", "--model", "svm", "--lake", lake);
        assertThat(model.exitCode()).isEqualTo(2);
        assertThat(model.err())
                .isEqualTo("error: model must be one of logistic-regression, decision-tree, random-forest,"
                        + " gradient-boosted-trees, naive-bayes, majority, was: svm\n");

        CliResult target = CliTestSupport.run("ml", "predict", "--buying", "low", "--lake", lake);
        assertThat(target.exitCode()).isEqualTo(2);

        CliResult noModel = CliTestSupport.run("ml", "predict", "--maint", "high", "--lake", lake);
        assertThat(noModel.exitCode()).isEqualTo(1);
        assertThat(noModel.err())
                .startsWith("error: no model cars-buying in ")
                .endsWith(": train one first (ml train)\n");
    }
}
