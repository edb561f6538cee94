package io.shoplake.pipelines.prediction;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and Jiang
 * 1999): a customer's transaction values are Gamma(p, nu) with nu ~ Gamma(q, gamma). Fitted on customers' mean value
 * of their repeat transactions (x &gt; 0), the convention of the literature and of lifetimes.
 */
public final class GammaGamma implements Serializable {

    /** Gamma-Gamma parameters. */
    public record Params(double p, double q, double gamma) implements Serializable {
        public Params {
            ModelChecks.positive("p", p);
            ModelChecks.positive("q", q);
            ModelChecks.positive("gamma", gamma);
        }
    }

    private final Params params;

    public GammaGamma(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params is null");
    }

    public Params params() {
        return params;
    }

    public Map<String, Double> parameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("p", params.p());
        values.put("q", params.q());
        values.put("gamma", params.gamma());
        return values;
    }

    /** Log-likelihood of a customer's mean repeat-transaction value m over x &gt; 0 transactions. */
    static double logLikelihood(double p, double q, double gamma, double x, double m) {
        return Gamma.logGamma(p * x + q)
                - Gamma.logGamma(p * x)
                - Gamma.logGamma(q)
                + q * Math.log(gamma)
                + (p * x - 1) * Math.log(m)
                + p * x * Math.log(x)
                - (p * x + q) * Math.log(x * m + gamma);
    }

    /** The population mean transaction value p gamma / (q - 1); infinite when q &lt;= 1. */
    public double populationMean() {
        return params.q() > 1 ? params.p() * params.gamma() / (params.q() - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[Z | x, m]: p (gamma + x m) / (p x + q - 1), a weighted mean of the population mean and the customer's own;
     * for x = 0 (no repeat transaction) the population mean.
     */
    public double expectedAverageValue(double x, double m) {
        if (x <= 0 || Double.isNaN(m)) {
            return populationMean();
        }
        return params.p() * (params.gamma() + x * m) / (params.p() * x + params.q() - 1);
    }

    @Override
    public String toString() {
        return "Gamma-Gamma" + parameters();
    }
}
