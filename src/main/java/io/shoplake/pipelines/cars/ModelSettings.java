package io.shoplake.pipelines.cars;

/**
 * The hyper-parameters of the compared models: fixed, documented values, not tuned to the data (docs/cars.md says
 * why). Tests pass smaller ones where they check mechanics, not quality.
 *
 * @param logisticIterations      maximum L-BFGS iterations of the multinomial logistic regression
 * @param logisticRegularization  its L2 penalty
 * @param treeDepth               maximum depth of the single decision tree
 * @param forestTrees             trees in the random forest
 * @param forestDepth             maximum depth of each forest tree
 * @param boostingIterations      boosting rounds of each one-vs-rest gradient-boosted model
 * @param boostingDepth           maximum depth of each boosted tree
 * @param naiveBayesSmoothing     additive (Laplace) smoothing of the multinomial naive Bayes
 */
public record ModelSettings(
        int logisticIterations,
        double logisticRegularization,
        int treeDepth,
        int forestTrees,
        int forestDepth,
        int boostingIterations,
        int boostingDepth,
        double naiveBayesSmoothing) {

    public ModelSettings {
        atLeast("logistic iterations", logisticIterations, 1);
        atLeast("tree depth", treeDepth, 1);
        atLeast("forest trees", forestTrees, 1);
        atLeast("forest depth", forestDepth, 1);
        atLeast("boosting iterations", boostingIterations, 1);
        atLeast("boosting depth", boostingDepth, 1);
        if (logisticRegularization < 0) {
            throw new IllegalArgumentException(
                    "logistic regularization must be at least 0, was: " + logisticRegularization);
        }
        if (naiveBayesSmoothing <= 0) {
            throw new IllegalArgumentException(
                    "naive Bayes smoothing must be greater than 0, was: " + naiveBayesSmoothing);
        }
    }

    /** The settings {@code ml compare} and {@code ml train} use. */
    public static ModelSettings defaults() {
        return new ModelSettings(100, 0.01, 5, 30, 5, 10, 3, 1.0);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was: " + value);
        }
    }
}
