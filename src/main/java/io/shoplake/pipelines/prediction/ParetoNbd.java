package io.shoplake.pipelines.prediction;

import static io.shoplake.pipelines.prediction.Hypergeometric.hyp2f1;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987) in the form of Fader and Hardie's 2005 note:
 * Poisson purchases at rate lambda ~ Gamma(r, alpha) while alive, exponential lifetime at rate mu ~ Gamma(s, beta).
 */
public final class ParetoNbd implements PurchaseModel {

    public static final String NAME = "pareto-nbd";

    /** Gauss-Legendre nodes on [0, 1] for the horizon probability; the integrand is smooth and monotone. */
    private static final double[] NODES;

    private static final double[] WEIGHTS;

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(32, 0.0, 1.0);
        NODES = new double[rule.getNumberOfPoints()];
        WEIGHTS = new double[rule.getNumberOfPoints()];
        for (int i = 0; i < NODES.length; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    /** Pareto/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout rate ~ Gamma(s, beta). */
    public record Params(double r, double alpha, double s, double beta) implements Serializable {
        public Params {
            ModelChecks.positive("r", r);
            ModelChecks.positive("alpha", alpha);
            ModelChecks.positive("s", s);
            ModelChecks.positive("beta", beta);
        }
    }

    private final Params params;

    public ParetoNbd(Params params) {
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
        values.put("s", params.s());
        values.put("beta", params.beta());
        return values;
    }

    /**
     * log A0 of the likelihood: the 2F1 case alpha &gt;= beta uses 2F1(r+s+x, s+1; r+s+x+1; (alpha-beta)/(alpha+t)),
     * the case alpha &lt; beta uses 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+t)); A0 is the difference of the
     * terms at t = t_x and t = T, taken in log space (it is 0, log -inf, when t_x = T).
     */
    static double logA0(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double rsx = r + s + x;
        double max;
        double second;
        if (alpha >= beta) {
            max = alpha;
            second = s + 1;
        } else {
            max = beta;
            second = r + x;
        }
        double gap = Math.abs(alpha - beta);
        double logTermTx = Math.log(hyp2f1(rsx, second, rsx + 1, gap / (max + tx))) - rsx * Math.log(max + tx);
        double logTermT = Math.log(hyp2f1(rsx, second, rsx + 1, gap / (max + T))) - rsx * Math.log(max + T);
        double difference = logTermT - logTermTx;
        if (difference >= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return logTermTx + Math.log(-Math.expm1(difference));
    }

    static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        double died = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, T);
        return a1 + ModelChecks.logAddExp(alive, died);
    }

    @Override
    public double logLikelihood(double x, double tx, double T) {
        return logLikelihood(params.r(), params.alpha(), params.s(), params.beta(), x, tx, T);
    }

    @Override
    public double probabilityAlive(double x, double tx, double T) {
        double r = params.r();
        double alpha = params.alpha();
        double s = params.s();
        double beta = params.beta();
        double logA0 = logA0(r, alpha, s, beta, x, tx, T);
        if (logA0 == Double.NEGATIVE_INFINITY) {
            return 1.0;
        }
        double logOdds =
                Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0;
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /** P(alive) (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)], with its limit at s = 1. */
    @Override
    public double expectedPurchases(double t, double x, double tx, double T) {
        if (t <= 0) {
            return 0.0;
        }
        double r = params.r();
        double s = params.s();
        double ratio = (params.beta() + T) / (params.beta() + T + t);
        double lifetimeFactor =
                Math.abs(s - 1) < 1e-10 ? -Math.log(ratio) : -Math.expm1((s - 1) * Math.log(ratio)) / (s - 1);
        return probabilityAlive(x, tx, T) * (r + x) * (params.beta() + T) / (params.alpha() + T) * lifetimeFactor;
    }

    /** r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)], with its limit at s = 1. */
    @Override
    public double unconditionalExpectedPurchases(double t) {
        if (t <= 0) {
            return 0.0;
        }
        double s = params.s();
        double ratio = params.beta() / (params.beta() + t);
        double lifetimeFactor =
                Math.abs(s - 1) < 1e-10 ? -Math.log(ratio) : -Math.expm1((s - 1) * Math.log(ratio)) / (s - 1);
        return params.r() * params.beta() / params.alpha() * lifetimeFactor;
    }

    /**
     * P(alive) times the integral over u in (0, h] of the first-purchase density given alive at T: given activity,
     * lambda ~ Gamma(r+x, alpha+T) and mu ~ Gamma(s, beta+T) independently, and a purchase at u needs the customer
     * alive until u: density E[lambda e^(-lambda u)] E[e^(-mu u)]. Substituting v = log(1 + u/(alpha+T)) makes the
     * integrand (r+x) e^(-(r+x) v) ((beta+T)/(beta+T+u))^s smooth over a range growing only with log h, so a
     * 32-point Gauss-Legendre rule is exact to rounding for short and long horizons alike.
     */
    @Override
    public double probabilityOfPurchaseWithin(double h, double x, double tx, double T) {
        if (h <= 0) {
            return 0.0;
        }
        double shape = params.r() + x;
        double rate = params.alpha() + T;
        double lifeRate = params.beta() + T;
        double upper = Math.log1p(h / rate);
        double integral = 0.0;
        for (int i = 0; i < NODES.length; i++) {
            double v = NODES[i] * upper;
            double u = rate * Math.expm1(v);
            integral += WEIGHTS[i] * shape * Math.exp(-shape * v + params.s() * Math.log(lifeRate / (lifeRate + u)));
        }
        return probabilityAlive(x, tx, T) * Math.min(1.0, integral * upper);
    }

    @Override
    public double medianWaitingTimeIfAlive(double x, double T) {
        return (params.alpha() + T) * Math.expm1(Math.log(2) / (params.r() + x));
    }

    @Override
    public String toString() {
        return "Pareto/NBD" + parameters();
    }
}
