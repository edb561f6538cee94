package io.shoplake.pipelines.prediction;

/** Argument checks and numeric helpers shared by the model classes. */
final class ModelChecks {

    private ModelChecks() {}

    static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was: " + value);
        }
    }

    /** log(e^u + e^v) without overflow. */
    static double logAddExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        double max = Math.max(u, v);
        return max + Math.log1p(Math.exp(-Math.abs(u - v)));
    }
}
