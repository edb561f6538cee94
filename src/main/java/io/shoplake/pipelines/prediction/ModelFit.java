package io.shoplake.pipelines.prediction;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted purchase model and its fit statistics: parameters and standard errors in the fit's time unit, the
 * log-likelihood (without any penalty) and the number of customers it was fitted on.
 */
public record ModelFit(
        ModelType type,
        PurchaseModel model,
        TimeUnit unit,
        long customers,
        Map<String, Double> params,
        Map<String, Double> stdErrors,
        double logLikelihood) {

    /** Above this many distinct patterns the search starts on 4-week-rounded patterns. */
    static final int COARSE_ABOVE = 20_000;

    public ModelFit {
        requireNonNull(type, "type is null");
        requireNonNull(model, "model is null");
        requireNonNull(unit, "unit is null");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        stdErrors = Collections.unmodifiableMap(new LinkedHashMap<>(stdErrors));
    }

    /**
     * Fits {@code type} by maximum likelihood on the compressed patterns.
     *
     * @param penalty L2 penalty lambda: the objective is the mean negative log-likelihood per customer plus lambda
     *     times the sum of squared parameters (lifetimes' {@code penalizer_coef}); 0 for plain maximum likelihood
     * @throws ModelFitException when there are no customers, no repeat purchases, or the optimiser fails
     */
    public static ModelFit fit(ModelType type, PatternSet patterns, double penalty) {
        return fit(type, patterns, penalty, COARSE_ABOVE);
    }

    /** As {@link #fit(ModelType, PatternSet, double)}, starting on 4-week-rounded patterns above {@code coarseAbove}. */
    static ModelFit fit(ModelType type, PatternSet patterns, double penalty, int coarseAbove) {
        requireNonNull(type, "type is null");
        requireNonNull(patterns, "patterns is null");
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("penalty must be a finite number >= 0, was: " + penalty);
        }
        if (patterns.customers() == 0) {
            throw new ModelFitException("cannot fit " + type.label() + ": the input has no customers");
        }
        if (patterns.repeatCustomers() == 0) {
            long n = patterns.customers();
            throw new ModelFitException("cannot fit " + type.label() + ": no customer has a repeat purchase (all " + n
                    + (n == 1 ? " customer" : " customers") + " bought once)");
        }
        MaximumLikelihood.Estimate estimate;
        if (patterns.size() > coarseAbove) {
            // Many distinct patterns (day-level t_x and T): a rough search on 4-week-rounded patterns, then polish on
            // all of them,
            // so the expensive full likelihood is evaluated a few dozen times instead of hundreds.
            PatternSet coarse = patterns.coarsened(28);
            double[] start = MaximumLikelihood.roughOptimum(
                    type.label(), type.start(coarse), p -> type.logLikelihood(p, coarse), penalty * coarse.customers());
            estimate = MaximumLikelihood.maximize(
                    type.label(),
                    type.parameterNames(),
                    start,
                    p -> type.logLikelihood(p, patterns),
                    penalty * patterns.customers(),
                    true);
        } else {
            estimate = MaximumLikelihood.maximize(
                    type.label(),
                    type.parameterNames(),
                    type.start(patterns),
                    p -> type.logLikelihood(p, patterns),
                    penalty * patterns.customers());
        }
        PurchaseModel model = type.create(estimate.values());
        Map<String, Double> errors = new LinkedHashMap<>();
        List<String> names = type.parameterNames();
        for (int i = 0; i < names.size(); i++) {
            errors.put(names.get(i), estimate.standardErrors()[i]);
        }
        return new ModelFit(
                type,
                model,
                patterns.unit(),
                patterns.customers(),
                model.parameters(),
                errors,
                estimate.logLikelihood());
    }
}
