package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model scored on held-out rows: the confusion matrix and the log loss, the mean of {@code -ln p} over rows
 * where {@code p} is the probability the model gave the actual class (clipped at {@link #EPSILON}, as scikit-learn
 * and Spark do, so one impossible-looking answer costs {@code -ln 1e-15 = 34.5} rather than infinity).
 */
public record FoldScore(ConfusionMatrix confusion, double logLoss) {

    public static final double EPSILON = 1e-15;

    public FoldScore {
        requireNonNull(confusion, "confusion is null");
    }

    public double accuracy() {
        return confusion.accuracy();
    }

    public double macroF1() {
        return confusion.macroF1();
    }

    /**
     * Scores rows with {@link CarClassifier#LABEL} (the actual class index), {@link CarClassifier#PREDICTION} and
     * {@link CarClassifier#PROBABILITIES}; one Spark job, at most classes x classes rows to the driver.
     */
    public static FoldScore of(Dataset<Row> scored, List<String> classes) {
        Column actualProbability = element_at(
                col(CarClassifier.PROBABILITIES),
                col(CarClassifier.LABEL).cast("int").plus(1));
        List<Row> cells = scored.groupBy(
                        col(CarClassifier.LABEL).cast("int").as("actual"),
                        col(CarClassifier.PREDICTION).as("predicted"))
                .agg(
                        count(lit(1)).as("rows"),
                        sum(log(greatest(actualProbability, lit(EPSILON))).multiply(-1)))
                .collectAsList();
        ConfusionMatrix confusion = ConfusionMatrix.empty(classes);
        double loss = 0;
        for (Row cell : cells) {
            confusion = confusion.plus(cell.getInt(0), cell.getInt(1), cell.getLong(2));
            loss += cell.getDouble(3);
        }
        if (confusion.total() == 0) {
            throw new IllegalArgumentException("no rows to score");
        }
        return new FoldScore(confusion, loss / confusion.total());
    }
}
