package io.shoplake.pipelines.prediction;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The population mean transaction value p gamma / (q - 1); +infinity when q &lt;= 1 (E[1/nu] diverges for a Gamma
     * shape q &lt;= 1).
     */
    public double populationMean() {
        return params.q() > 1 ? params.p() * params.gamma() / (params.q() - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[Z | x, m]: given x repeat transactions with mean m, nu's posterior is Gamma(p x + q, gamma + x m) and E[Z | nu]
     * = p / nu, so E[Z | x, m] = p (gamma + x m) / (p x + q - 1), a weighted mean of the population mean and the
     * customer's own. E[1/nu] is finite only for a posterior shape p x + q &gt; 1: otherwise the expectation is
     * +infinity (the formula's negative value for p x + q &lt; 1 is meaningless) and shoplake reports no expected spend
     * for the customer. For x = 0 (no repeat transaction) or an unknown m, the population mean (x = 0 in the same
     * rule: finite only for q &gt; 1).
     */
    public double expectedAverageValue(double x, double m) {
        if (x <= 0 || Double.isNaN(m)) {
            return populationMean();
        }
        double shape = params.p() * x + params.q();
        if (!(shape > 1)) {
            return Double.POSITIVE_INFINITY;
        }
        return params.p() * (params.gamma() + x * m) / (shape - 1);
    }

    /**
     * The fewest repeat transactions x &gt;= 0 for which E[Z | x, m] is finite (p x + q &gt; 1): 0 when q &gt; 1.
     */
    public long finiteFromRepeatTransactions() {
        if (params.q() > 1) {
            return 0;
        }
        long x = (long) Math.floor((1 - params.q()) / params.p()) + 1;
        // Guard against rounding at the boundary: step until p x + q > 1 holds in floating point.
        while (!(params.p() * x + params.q() > 1)) {
            x++;
        }
        while (x > 1 && params.p() * (x - 1) + params.q() > 1) {
            x--;
        }
        return x;
    }

    @Override
    public String toString() {
        return "Gamma-Gamma" + parameters();
    }
}
