package io.shoplake.pipelines.prediction;

import java.util.Map;

/** The JSON shape of {@code predict fit}: model, unit, customers, params, std_errors, log_likelihood. */
public record FitReport(
        String model,
        String unit,
        long customers,
        Map<String, Double> params,
        Map<String, Double> stdErrors,
        double logLikelihood) {

    public static FitReport of(ModelFit fit) {
        return new FitReport(
                fit.type().cliName(),
                fit.unit().cliName(),
                fit.customers(),
                fit.params(),
                fit.stdErrors(),
                fit.logLikelihood());
    }
}
