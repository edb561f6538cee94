package io.shoplake.pipelines.cars;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.OneVsRest;
import org.apache.spark.ml.classification.RandomForestClassifier;

/** The classifiers {@code ml compare} cross-validates and {@code ml train} can save, by their command-line names. */
public enum ModelKind {
    LOGISTIC_REGRESSION("logistic-regression", "multinomial logistic regression (L2)"),
    DECISION_TREE("decision-tree", "decision tree (Gini)"),
    RANDOM_FOREST("random-forest", "random forest"),
    GRADIENT_BOOSTED_TREES("gradient-boosted-trees", "gradient-boosted trees, one-vs-rest"),
    NAIVE_BAYES("naive-bayes", "multinomial naive Bayes"),
    /** Always the most common class of the training rows, with the training class shares as probabilities. */
    MAJORITY("majority", "majority-class baseline");

    private final String label;
    private final String description;

    ModelKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The command-line name, e.g. {@code random-forest}. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Parses a command-line name. */
    public static ModelKind of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(k -> k.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model must be one of "
                        + Arrays.stream(values()).map(ModelKind::label).collect(Collectors.joining(", "))
                        + ", was: " + name));
    }

    /**
     * True when the fitted model gives per-class margins instead of probabilities: Spark's one-vs-rest gives each
     * class's boosted margin m, which {@link CarScoring} turns into probabilities (logistic of 2m, the boosted trees'
     * own probability, then normalised over the classes).
     */
    public boolean givesMargins() {
        return this == GRADIENT_BOOSTED_TREES;
    }

    /** The Spark classifier reading {@code features} and {@code label}, configured by {@code settings}. */
    PipelineStage classifier(ModelSettings settings, long seed) {
        return switch (this) {
            case LOGISTIC_REGRESSION ->
                new LogisticRegression()
                        .setFamily("multinomial")
                        .setMaxIter(settings.logisticIterations())
                        .setRegParam(settings.logisticRegularization())
                        .setElasticNetParam(0.0);
            case DECISION_TREE ->
                new DecisionTreeClassifier().setMaxDepth(settings.treeDepth()).setSeed(seed);
            case RANDOM_FOREST ->
                new RandomForestClassifier()
                        .setNumTrees(settings.forestTrees())
                        .setMaxDepth(settings.forestDepth())
                        .setSeed(seed);
            case GRADIENT_BOOSTED_TREES ->
                new OneVsRest()
                        .setClassifier(new GBTClassifier()
                                .setMaxIter(settings.boostingIterations())
                                .setMaxDepth(settings.boostingDepth())
                                .setSeed(seed));
            case NAIVE_BAYES ->
                new NaiveBayes().setModelType("multinomial").setSmoothing(settings.naiveBayesSmoothing());
            // A tree with no split is one leaf: the training rows' majority class and class shares.
            case MAJORITY -> new DecisionTreeClassifier().setMaxDepth(0);
        };
    }
}
