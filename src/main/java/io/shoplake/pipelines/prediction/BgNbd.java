package io.shoplake.pipelines.prediction;

import static io.shoplake.pipelines.prediction.Hypergeometric.hyp2f1;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/** The BG/NBD model of Fader, Hardie and Lee (2005): Poisson purchases, dropout with probability p after each one. */
public final class BgNbd implements PurchaseModel {

    public static final String NAME = "bgnbd";

    /** BG/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout probability ~ Beta(a, b). */
    public record Params(double r, double alpha, double a, double b) implements Serializable {
        public Params {
            ModelChecks.positive("r", r);
            ModelChecks.positive("alpha", alpha);
            ModelChecks.positive("a", a);
            ModelChecks.positive("b", b);
        }
    }

    private final Params params;

    public BgNbd(Params params) {
        this.params = java.util.Objects.requireNonNull(params, "params is null");
    }

    public Params params() {
        return params;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("r", params.r());
        values.put("alpha", params.alpha());
        values.put("a", params.a());
        values.put("b", params.b());
        return values;
    }

    @Override
    public double logLikelihood(double x, double tx, double T) {
        return logLikelihood(params.r(), params.alpha(), params.a(), params.b(), x, tx, T);
    }

    /** FHL (2005) eq. 6 in log-sum-exp form: the x &gt; 0 branch adds the "dropped out after the last purchase" term. */
    static double logLikelihood(double r, double alpha, double a, double b, double x, double tx, double T) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + T);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return a1 + a2 + ModelChecks.logAddExp(a3, a4);
    }

    @Override
    public double probabilityAlive(double x, double tx, double T) {
        if (x == 0) {
            return 1.0;
        }
        double logOdds = Math.log(params.a())
                - Math.log(params.b() + x - 1)
                + (params.r() + x) * (Math.log(params.alpha() + T) - Math.log(params.alpha() + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /** FHL (2005) eq. 10. */
    @Override
    public double expectedPurchases(double t, double x, double tx, double T) {
        if (t <= 0) {
            return 0.0;
        }
        double r = params.r();
        double alpha = params.alpha();
        double a = params.a();
        double b = params.b();
        double z = t / (alpha + T + t);
        double decay = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
        double numerator = (a + b + x - 1) / (a - 1) * (1 - decay * hyp2f1(r + x, b + x, a + b + x - 1, z));
        double denominator =
                x == 0 ? 1.0 : 1.0 + a / (b + x - 1) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
        return numerator / denominator;
    }

    /** FHL (2005) eq. 9. */
    @Override
    public double unconditionalExpectedPurchases(double t) {
        if (t <= 0) {
            return 0.0;
        }
        double r = params.r();
        double alpha = params.alpha();
        double a = params.a();
        double b = params.b();
        double decay = Math.pow(alpha / (alpha + t), r);
        return (a + b - 1) / (a - 1) * (1 - decay * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
    }

    /**
     * P(alive) times P(a purchase within h | alive): an active customer cannot drop out before purchasing again, so
     * the second factor is the Gamma(r + x, alpha + T) mixture of Poisson zero-counts.
     */
    @Override
    public double probabilityOfPurchaseWithin(double h, double x, double tx, double T) {
        if (h <= 0) {
            return 0.0;
        }
        double none = Math.exp((params.r() + x) * (Math.log(params.alpha() + T) - Math.log(params.alpha() + T + h)));
        return probabilityAlive(x, tx, T) * (1 - none);
    }

    @Override
    public double medianWaitingTimeIfAlive(double x, double T) {
        return (params.alpha() + T) * Math.expm1(Math.log(2) / (params.r() + x));
    }

    @Override
    public String toString() {
        return "BG/NBD" + parameters();
    }
}
