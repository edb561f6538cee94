package io.shoplake.pipelines.cars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Accuracy, macro F1, log loss and the fold spread on a five-row example worked out by hand. */
class ClassificationMetricsTest {

    private static final StructType SCORED = new StructType()
            .add(CarClassifier.LABEL, DataTypes.DoubleType)
            .add(CarClassifier.PREDICTION, DataTypes.IntegerType)
            .add(CarClassifier.PROBABILITIES, DataTypes.createArrayType(DataTypes.DoubleType));

    @Test
    void fiveRowsScoredByHand() {
        // actual -> predicted (probabilities for a, b, c): a->a (.7 .2 .1), a->b (.4 .5 .1), b->b (.1 .8 .1),
        // b->c (.2 .3 .5), c->c (.1 .1 .8). Class d never occurs.
        Dataset<Row> scored = TestSpark.spark()
                .createDataFrame(
                        List.of(
                                row(0, 0, 0.7, 0.2, 0.1, 0.0),
                                row(0, 1, 0.4, 0.5, 0.1, 0.0),
                                row(1, 1, 0.1, 0.8, 0.1, 0.0),
                                row(1, 2, 0.2, 0.3, 0.5, 0.0),
                                row(2, 2, 0.1, 0.1, 0.8, 0.0)),
                        SCORED);

        FoldScore score = FoldScore.of(scored, List.of("a", "b", "c", "d"));

        assertThat(score.confusion().counts())
                .containsExactly(
                        List.of(1L, 1L, 0L, 0L),
                        List.of(0L, 1L, 1L, 0L),
                        List.of(0L, 0L, 1L, 0L),
                        List.of(0L, 0L, 0L, 0L));
        assertThat(score.accuracy()).isEqualTo(0.6);
        // F1 = 2TP / (actual + predicted): a 2/(2+1), b 2/(2+2), c 2/(1+2); d occurs nowhere and is left out.
        assertThat(score.macroF1()).isCloseTo((2.0 / 3 + 0.5 + 2.0 / 3) / 3, within(1e-12));
        // -(ln .7 + ln .4 + ln .8 + ln .3 + ln .8) / 5 = 0.584645...
        assertThat(score.logLoss()).isCloseTo(0.5846453, within(1e-6));
    }

    @Test
    void aZeroProbabilityForTheActualClassCostsMinusLnEpsilon() {
        Dataset<Row> scored = TestSpark.spark()
                .createDataFrame(List.of(row(1, 0, 1.0, 0.0, 0.0, 0.0), row(0, 0, 1.0, 0.0, 0.0, 0.0)), SCORED);

        FoldScore score = FoldScore.of(scored, List.of("a", "b", "c", "d"));

        assertThat(score.logLoss()).isCloseTo(-Math.log(1e-15) / 2, within(1e-9));
        // a: TP 1, actual 1, predicted 2 -> 2/3; b: TP 0, actual 1 -> 0.
        assertThat(score.macroF1()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void spreadIsTheMeanAndSampleStandardDeviation() {
        Spread spread = Spread.of(List.of(0.2, 0.4, 0.6));

        assertThat(spread.mean()).isCloseTo(0.4, within(1e-12));
        assertThat(spread.sd()).isCloseTo(0.2, within(1e-12));
        assertThat(Spread.of(List.of(0.3))).isEqualTo(new Spread(0.3, 0));
    }

    private static Row row(int actual, int predicted, double... probabilities) {
        Double[] boxed = new Double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            boxed[i] = probabilities[i];
        }
        return RowFactory.create((double) actual, predicted, List.of(boxed));
    }
}
