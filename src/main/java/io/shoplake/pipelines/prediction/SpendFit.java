package io.shoplake.pipelines.prediction;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fitted Gamma-Gamma spend model with its standard errors, log-likelihood and number of repeat customers. */
public record SpendFit(GammaGamma model, long customers, Map<String, Double> stdErrors, double logLikelihood) {

    /** A customer's x &gt; 0 repeat transactions with mean value m, and how many customers share (x, m). */
    public record Observation(long x, double meanValue, long customers) {
        public Observation {
            if (x < 1 || !(meanValue > 0) || customers < 1) {
                throw new IllegalArgumentException("spend observation needs x >= 1, mean value > 0 and customers >= 1,"
                        + " was: x=" + x + ", mean=" + meanValue + ", customers=" + customers);
            }
        }
    }

    public SpendFit {
        requireNonNull(model, "model is null");
        stdErrors = Collections.unmodifiableMap(new LinkedHashMap<>(stdErrors));
    }

    /** Fits p, q, gamma by maximum likelihood; penalty as in {@link ModelFit#fit}. */
    public static SpendFit fit(List<Observation> observations, double penalty) {
        long customers = observations.stream().mapToLong(Observation::customers).sum();
        if (customers == 0) {
            throw new ModelFitException(
                    "cannot fit Gamma-Gamma: no customer has a repeat purchase with a positive amount");
        }
        double[] x = observations.stream().mapToDouble(Observation::x).toArray();
        double[] m = observations.stream().mapToDouble(Observation::meanValue).toArray();
        double[] w = observations.stream().mapToDouble(Observation::customers).toArray();
        double meanValue = 0;
        for (int i = 0; i < x.length; i++) {
            meanValue += w[i] * m[i];
        }
        meanValue /= customers;
        // Per observation only log(x m + gamma) depends on both data and parameters: the log-gammas are computed once
        // per distinct x, log m and log x once per observation.
        double[] xValues = java.util.Arrays.stream(x).distinct().sorted().toArray();
        int[] xIndex = new int[x.length];
        double[] logM = new double[x.length];
        double[] logX = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xIndex[i] = java.util.Arrays.binarySearch(xValues, x[i]);
            logM[i] = Math.log(m[i]);
            logX[i] = Math.log(x[i]);
        }
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.maximize(
                "Gamma-Gamma",
                List.of("p", "q", "gamma"),
                new double[] {1, 2, meanValue},
                p -> {
                    double[] byX = new double[xValues.length];
                    for (int k = 0; k < xValues.length; k++) {
                        double px = p[0] * xValues[k];
                        byX[k] = org.hipparchus.special.Gamma.logGamma(px + p[1])
                                - org.hipparchus.special.Gamma.logGamma(px);
                    }
                    double common = -org.hipparchus.special.Gamma.logGamma(p[1]) + p[1] * Math.log(p[2]);
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        double px = p[0] * x[i];
                        total += w[i]
                                * (byX[xIndex[i]]
                                        + common
                                        + (px - 1) * logM[i]
                                        + px * logX[i]
                                        - (px + p[1]) * Math.log(x[i] * m[i] + p[2]));
                    }
                    return total;
                },
                penalty * customers);
        double[] v = estimate.values();
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("p", estimate.standardErrors()[0]);
        errors.put("q", estimate.standardErrors()[1]);
        errors.put("gamma", estimate.standardErrors()[2]);
        return new SpendFit(
                new GammaGamma(new GammaGamma.Params(v[0], v[1], v[2])), customers, errors, estimate.logLikelihood());
    }
}
