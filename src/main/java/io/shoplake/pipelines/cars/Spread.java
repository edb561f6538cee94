package io.shoplake.pipelines.cars;

import java.util.List;

/**
 * The mean of a figure over folds and its sample standard deviation (n - 1 in the denominator; 0 for one value):
 * how much the figure moves from one held-out fold to the next.
 */
public record Spread(double mean, double sd) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (values.size() == 1) {
            return new Spread(mean, 0);
        }
        double squares =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Spread(mean, Math.sqrt(squares / (values.size() - 1)));
    }
}
