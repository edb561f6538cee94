package io.shoplake.pipelines.prediction;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.OptionalInt;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Who makes the buyer list: customers whose probability of ordering within the horizon is at least
 * {@code minProbability}, or the {@code top} most likely (ties broken by customer id).
 */
public record BuyerListRule(double minProbability, OptionalInt top) implements Serializable {

    public static final double DEFAULT_MIN_PROBABILITY = 0.5;

    public BuyerListRule {
        if (!(minProbability >= 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("min probability must be between 0 and 1, was: " + minProbability);
        }
        if (top.isPresent() && top.getAsInt() < 1) {
            throw new IllegalArgumentException("top must be at least 1, was: " + top.getAsInt());
        }
    }

    public static BuyerListRule atLeast(double probability) {
        return new BuyerListRule(probability, OptionalInt.empty());
    }

    public static BuyerListRule top(int count) {
        return new BuyerListRule(0, OptionalInt.of(count));
    }

    /** The buyer list from prediction rows (a column {@code p_order_in_horizon}). */
    public Dataset<Row> apply(Dataset<Row> predictions) {
        if (top.isPresent()) {
            return predictions
                    .orderBy(col("p_order_in_horizon").desc(), col("customer_id"))
                    .limit(top.getAsInt());
        }
        return predictions.filter(col("p_order_in_horizon").geq(minProbability));
    }

    @Override
    public String toString() {
        return top.isPresent() ? "top " + top.getAsInt() : "p_order_in_horizon >= " + minProbability;
    }
}
