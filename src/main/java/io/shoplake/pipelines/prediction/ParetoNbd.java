package io.shoplake.pipelines.prediction;

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
     * log of I(t) = integral from t to infinity of (alpha+u)^-(r+x) (beta+u)^-(s+1) du, the closed form behind
     * Fader and Hardie's A0 (A0 = (r+s+x) (I(t_x) - I(T))), written so that nothing is evaluated in linear space that
     * can overflow. Each case takes the 2F1 representation whose value lies between 1 and
     * (max(alpha,beta)+t)/(min(alpha,beta)+t): for alpha &gt;= beta, I(t) = (alpha+t)^-(r+x) (beta+t)^-s
     * 2F1(r+x, 1; r+s+x+1; (alpha-beta)/(alpha+t)) / (r+s+x); for alpha &lt; beta, I(t) = (alpha+t)^(1-r-x)
     * (beta+t)^-(s+1) 2F1(s+1, 1; r+s+x+1; (beta-alpha)/(beta+t)) / (r+s+x). Both follow from the textbook forms by
     * the Pfaff transformation. The textbook form for alpha &lt; beta, 2F1(r+s+x, r+x; r+s+x+1; z), grows like
     * ((beta+t)/(alpha+t))^(r+x) and overflows for heavy buyers (x = 400, alpha 5, beta 500 is about e^1090).
     *
     * @throws ArithmeticException when 2F1 cannot be evaluated (extreme parameters)
     */
    static double logTail(double r, double alpha, double s, double beta, double x, double t) {
        double rsx = r + s + x;
        double logAlphaT = Math.log(alpha + t);
        double logBetaT = Math.log(beta + t);
        double base = -(r + x) * logAlphaT - s * logBetaT - Math.log(rsx);
        if (alpha >= beta) {
            return base + logHyp2f1WithB1(r + x, rsx + 1, (alpha - beta) / (alpha + t));
        }
        return base + logAlphaT - logBetaT + logHyp2f1WithB1(s + 1, rsx + 1, (beta - alpha) / (beta + t));
    }

    private static final int MAX_TERMS = 200_000;

    /** Above this w the positive series is slow (its terms fall like w^k); the general 2F1 is tried first. */
    private static final double SLOW_SERIES = 0.9;

    /**
     * log 2F1(a, 1; c; w) for 0 &lt; a &lt; c and 0 &lt;= w &lt; 1. The series sum of (a)_k / (c)_k w^k has positive
     * terms, each at most w times the one before, so its value lies in [1, 1/(1-w)] and the tail after a term is at
     * most that term times w / (1 - w). Up to w = 0.9 it is summed directly (a few hundred terms at most). Above, 2F1's
     * transformation to 1 - w ({@link Hypergeometric#transformedNearOne}) is used; where that overflows on the
     * way (a and c in the thousands, when the search tries extreme parameters) the series is summed after all, up to
     * {@link #MAX_TERMS} terms.
     *
     * @throws ArithmeticException when neither converges
     */
    static double logHyp2f1WithB1(double a, double c, double w) {
        if (!(w < 1)) {
            throw new ArithmeticException("2F1(" + a + ", 1; " + c + "; w) needs w < 1, was: " + w);
        }
        if (w > SLOW_SERIES) {
            try {
                double value = Hypergeometric.transformedNearOne(a, 1, c, w);
                if (value > 0 && Double.isFinite(value)) {
                    return Math.log(value);
                }
            } catch (ArithmeticException e) {
                // The transformation's Gamma factors overflow for huge a and c; the series is fine there.
            }
        }
        double term = 1.0;
        double sum = 1.0;
        double tailFactor = w / (1 - w);
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) / (c + k) * w;
            sum += term;
            if (term * tailFactor <= 1e-17 * sum) {
                return Math.log(sum);
            }
        }
        throw new ArithmeticException(
                "2F1(" + a + ", 1; " + c + "; " + w + ") did not converge within " + MAX_TERMS + " terms");
    }

    /** log of s (I(t_x) - I(T)): the likelihood's "dropped out between t_x and T" term; -infinity when t_x = T. */
    static double logDied(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double atTx = logTail(r, alpha, s, beta, x, tx);
        double difference = logTail(r, alpha, s, beta, x, T) - atTx;
        if (!(difference < 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(s) + atTx + Math.log(-Math.expm1(difference));
    }

    /** log of the "still alive at T" term: (alpha+T)^-(r+x) (beta+T)^-s. */
    private static double logAlive(double r, double alpha, double s, double beta, double x, double T) {
        return -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    }

    /**
     * The log-likelihood of one customer; NaN when it cannot be evaluated (the optimiser treats that as a likelihood
     * of zero, so the search moves away from such parameters).
     */
    static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        try {
            return a1 + ModelChecks.logAddExp(logAlive(r, alpha, s, beta, x, T), logDied(r, alpha, s, beta, x, tx, T));
        } catch (ArithmeticException e) {
            return Double.NaN;
        }
    }

    /**
     * The weighted log-likelihood of a pattern set at p = (r, alpha, s, beta), the one the fit maximises; NaN as soon
     * as one pattern's likelihood cannot be evaluated.
     */
    static double logLikelihood(double[] p, PatternSet set) {
        double total = 0;
        for (int i = 0; i < set.size; i++) {
            total += set.weight[i] * logLikelihood(p[0], p[1], p[2], p[3], set.x[i], set.tx[i], set.T[i]);
            if (Double.isNaN(total)) {
                return Double.NaN;
            }
        }
        return total;
    }

    @Override
    public double logLikelihood(double x, double tx, double T) {
        return logLikelihood(params.r(), params.alpha(), params.s(), params.beta(), x, tx, T);
    }

    /**
     * alive / (alive + died) from the two likelihood terms in log space.
     *
     * @throws ModelEvaluationException when the likelihood's 2F1 cannot be evaluated for these parameters and data
     */
    @Override
    public double probabilityAlive(double x, double tx, double T) {
        double r = params.r();
        double alpha = params.alpha();
        double s = params.s();
        double beta = params.beta();
        double logDied;
        try {
            logDied = logDied(r, alpha, s, beta, x, tx, T);
        } catch (ArithmeticException e) {
            throw new ModelEvaluationException(this + ": P(alive) cannot be computed for x=" + x + ", t_x=" + tx
                    + ", T=" + T + " (" + e.getMessage() + ")");
        }
        if (logDied == Double.NEGATIVE_INFINITY) {
            return 1.0;
        }
        double logOdds = logDied - logAlive(r, alpha, s, beta, x, T);
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
