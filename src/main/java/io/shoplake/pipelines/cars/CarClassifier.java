package io.shoplake.pipelines.cars;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The model as one Spark ML pipeline: the feature encoding (each attribute indexed in alphabetical order, then
 * one-hot with a slot per value, so linear models and naive Bayes see indicators rather than made-up distances),
 * then the classifier. The label is the target's position in its documented values, so class {@code i} is the same
 * value in every fold and every saved model. Scoring gives each row a predicted class index and class probabilities.
 */
public final class CarClassifier {

    public static final String LABEL = "label";
    public static final String FEATURES = "features";
    /** The predicted class: its index in the target's values. */
    public static final String PREDICTION = "prediction";
    /** Per-class probabilities, in the target's value order, summing to 1. */
    public static final String PROBABILITIES = "probabilities";

    private static final String INDEX_SUFFIX = "_index";
    private static final String ONE_HOT_SUFFIX = "_onehot";

    private CarClassifier() {}

    /** The unfitted pipeline: encoding of {@code features}, then {@code kind}'s classifier. */
    public static Pipeline pipeline(ModelKind kind, List<CarAttribute> features, ModelSettings settings, long seed) {
        String[] names = features.stream().map(CarAttribute::name).toArray(String[]::new);
        String[] indexed = Arrays.stream(names).map(n -> n + INDEX_SUFFIX).toArray(String[]::new);
        String[] oneHot = Arrays.stream(names).map(n -> n + ONE_HOT_SUFFIX).toArray(String[]::new);
        List<PipelineStage> stages = new ArrayList<>();
        // "keep": a value the training rows never had gets a slot of its own instead of failing the prediction.
        stages.add(new StringIndexer()
                .setInputCols(names)
                .setOutputCols(indexed)
                .setStringOrderType("alphabetAsc")
                .setHandleInvalid("keep"));
        stages.add(new OneHotEncoder()
                .setInputCols(indexed)
                .setOutputCols(oneHot)
                .setDropLast(false)
                .setHandleInvalid("keep"));
        stages.add(new VectorAssembler().setInputCols(oneHot).setOutputCol(FEATURES));
        stages.add(kind.classifier(settings, seed));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    /**
     * {@code rows} with {@link #LABEL}: the target's index in its values, marked as a nominal attribute with all of
     * them, so every model has one probability per value even when a class is missing from the training rows.
     */
    public static Dataset<Row> labelled(Dataset<Row> rows, CarAttribute target) {
        Column label = lit(null).cast("double");
        for (int i = target.values().size() - 1; i >= 0; i--) {
            label = when(col(target.name()).equalTo(target.values().get(i)), lit((double) i))
                    .otherwise(label);
        }
        var metadata = NominalAttribute.defaultAttr()
                .withName(LABEL)
                .withValues(target.values().toArray(String[]::new))
                .toMetadata();
        return rows.withColumn(LABEL, label.as(LABEL, metadata));
    }

    /**
     * {@code rows} with {@link #PREDICTION} (int) and {@link #PROBABILITIES} (array of double) from a fitted pipeline;
     * the model's own intermediate columns are dropped.
     */
    public static Dataset<Row> scored(PipelineModel model, ModelKind kind, Dataset<Row> rows) {
        Dataset<Row> transformed = model.transform(rows);
        Column probabilities;
        if (kind.givesMargins()) {
            // One-vs-rest boosted margins m: each binary model's probability is 1/(1+exp(-2m)); normalised over
            // classes.
            transformed = transformed.withColumn(
                    "_margins", org.apache.spark.ml.functions.vector_to_array(col("rawPrediction"), "float64"));
            probabilities = expr(
                    "transform(transform(_margins, m -> 1D / (1D + exp(-2D * m))), "
                            + "(p, i) -> p / aggregate(transform(_margins, m -> 1D / (1D + exp(-2D * m))), 0D, (a, x) -> a + x))");
        } else {
            probabilities = org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64");
        }
        String[] kept = rows.columns();
        List<Column> select = new ArrayList<>();
        for (String name : kept) {
            select.add(col("`" + name + "`"));
        }
        select.add(col("prediction").cast("int").as(PREDICTION));
        select.add(probabilities.as(PROBABILITIES));
        return transformed.select(select.toArray(Column[]::new));
    }
}
