package io.shoplake.jobs.prediction;

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
            throw new ModelFitException("cannot fit Gamma-Gamma: no customer has a repeat purchase with a positive amount");
        }
        double[] x = observations.stream().mapToDouble(Observation::x).toArray();
        double[] m = observations.stream().mapToDouble(Observation::meanValue).toArray();
        double[] w = observations.stream().mapToDouble(Observation::customers).toArray();
        double meanValue = 0;
        for (int i = 0; i < x.length; i++) {
            meanValue += w[i] * m[i];
        }
        meanValue /= customers;
        MaximumLikelihood.Estimate estimate = MaximumLikelihood.maximize("Gamma-Gamma",
                new double[] {1, 2, meanValue}, p -> {
                    double total = 0;
                    for (int i = 0; i < x.length; i++) {
                        total += w[i] * GammaGamma.logLikelihood(p[0], p[1], p[2], x[i], m[i]);
                    }
                    return total;
                }, penalty * customers);
        double[] v = estimate.values();
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.put("p", estimate.standardErrors()[0]);
        errors.put("q", estimate.standardErrors()[1]);
        errors.put("gamma", estimate.standardErrors()[2]);
        return new SpendFit(new GammaGamma(new GammaGamma.Params(v[0], v[1], v[2])), customers, errors,
                estimate.logLikelihood());
    }
}
