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
        double r = params.r();
        double alpha = params.alpha();
        double a = params.a();
        double b = params.b();
        return customerTerm(
                byX(r, a, b, x) + common(r, alpha, a, b),
                dropout(a, b, x),
                r + x,
                Math.log(alpha + T),
                Math.log(alpha + tx));
    }

    /*
     * FHL (2005) eq. 6 in log-sum-exp form, split so that the fit computes each log-gamma once per distinct x and each
     * log once per distinct t_x and T: log L = common + byX(x) + logaddexp(-(r+x) log(alpha+T), dropout(x) - (r+x)
     * log(alpha+t_x)). The one-customer logLikelihood above and the fit's logLikelihood(p, patterns) below share these
     * pieces, so there is one BG/NBD likelihood.
     */

    private static double common(double r, double alpha, double a, double b) {
        return -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
    }

    private static double byX(double r, double a, double b, double x) {
        return Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
    }

    /** log(a / (b + x - 1)), the weight of "dropped out after the last purchase"; impossible (-infinity) for x = 0. */
    private static double dropout(double a, double b, double x) {
        return x > 0 ? Math.log(a) - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
    }

    private static double customerTerm(
            double constant, double dropout, double rx, double logAlphaT, double logAlphaTx) {
        double alive = -rx * logAlphaT;
        return constant
                + (dropout == Double.NEGATIVE_INFINITY
                        ? alive
                        : ModelChecks.logAddExp(alive, dropout - rx * logAlphaTx));
    }

    /** Patterns per parallel chunk of a likelihood evaluation. */
    private static final int CHUNK = 32_768;

    /**
     * The weighted log-likelihood of a pattern set at p = (r, alpha, a, b), the one the fit maximises. Chunks are
     * summed in parallel, then added in a fixed order: the result does not depend on thread timing.
     */
    static double logLikelihood(double[] p, PatternSet set) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double[] logAlphaT = new double[set.ageValues.length];
        for (int i = 0; i < logAlphaT.length; i++) {
            logAlphaT[i] = Math.log(alpha + set.ageValues[i]);
        }
        double[] logAlphaTx = new double[set.txValues.length];
        for (int i = 0; i < logAlphaTx.length; i++) {
            logAlphaTx[i] = Math.log(alpha + set.txValues[i]);
        }
        double common = common(r, alpha, a, b);
        double[] constantByX = new double[set.xValues.length];
        double[] dropoutByX = new double[set.xValues.length];
        for (int i = 0; i < constantByX.length; i++) {
            double x = set.xValues[i];
            constantByX[i] = common + byX(r, a, b, x);
            dropoutByX[i] = dropout(a, b, x);
        }
        int chunks = (set.size + CHUNK - 1) / CHUNK;
        double[] partial = new double[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(chunk -> {
            double total = 0;
            for (int i = chunk * CHUNK, end = Math.min(set.size, i + CHUNK); i < end; i++) {
                int xIndex = set.xIndex[i];
                total += set.weight[i]
                        * customerTerm(
                                constantByX[xIndex],
                                dropoutByX[xIndex],
                                r + set.x[i],
                                logAlphaT[set.ageIndex[i]],
                                logAlphaTx[set.txIndex[i]]);
            }
            partial[chunk] = total;
        });
        double total = 0;
        for (double value : partial) {
            total += value;
        }
        return total;
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

    /** FHL (2005) eq. 10: the eq. 9 form for (r+x, b+x) at z = t/(alpha+T+t), over 1 + the dropout odds. */
    @Override
    public double expectedPurchases(double t, double x, double tx, double T) {
        if (t <= 0) {
            return 0.0;
        }
        double r = params.r();
        double alpha = params.alpha();
        double a = params.a();
        double b = params.b();
        double numerator =
                lifetimeSum(a, r + x, b + x, t / (alpha + T + t), Math.log(alpha + T) - Math.log(alpha + T + t));
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
        double alpha = params.alpha();
        return lifetimeSum(params.a(), params.r(), params.b(), t / (alpha + t), Math.log(alpha) - Math.log(alpha + t));
    }

    /** Below this |a - 1| the expectations use the series of {@link #lifetimeSumNearOne}. */
    static final double NEAR_ONE = 1e-4;

    private static final int MAX_TERMS = 2_000_000;

    /**
     * (a+B-1)/(a-1) [1 - (1-z)^A 2F1(A, B; a+B-1; z)], the bracket of FHL eqs. 9 and 10 (A = r, B = b for eq. 9;
     * A = r+x, B = b+x for eq. 10); {@code logOneMinusZ} is log(1 - z), passed in to keep its precision for small z.
     * At a = 1 both factors are singular (1/0 times 0): the value there is the limit, see
     * {@link #lifetimeSumNearOne}.
     */
    static double lifetimeSum(double a, double A, double B, double z, double logOneMinusZ) {
        double epsilon = a - 1;
        if (Math.abs(epsilon) < NEAR_ONE) {
            double value = lifetimeSumNearOne(epsilon, A, B, z, logOneMinusZ);
            if (!Double.isNaN(value)) {
                return value;
            }
            return interpolatedNearOne(epsilon, A, B, z, logOneMinusZ);
        }
        return direct(a, A, B, z, logOneMinusZ);
    }

    private static double direct(double a, double A, double B, double z, double logOneMinusZ) {
        double decay = Math.exp(A * logOneMinusZ);
        return (a + B - 1) / (a - 1) * (1 - decay * hyp2f1(A, B, a + B - 1, z));
    }

    /**
     * The bracket for a = 1 + epsilon with no division by epsilon. With c = B + epsilon, Euler's transformation gives
     * (1-z)^A 2F1(A, B; c; z) = (1-z)^epsilon 2F1(c-A, epsilon; c; z), and 2F1(c-A, epsilon; c; z) = 1 + epsilon S
     * with S = sum over k &gt;= 1 of (c-A)_k (1+epsilon)_(k-1) / ((c)_k k!) z^k. So the bracket is
     * c [(1 - (1-z)^epsilon) / epsilon - (1-z)^epsilon S], whose first term is -expm1(epsilon log(1-z)) / epsilon
     * (-log(1-z) at epsilon = 0). At a = 1 this is (b+x) [-log(1-z) - sum (b-r)_k / (b+x)_k z^k / k]. NaN when the
     * series needs more than {@link #MAX_TERMS} terms (z within about 1e-5 of 1).
     */
    static double lifetimeSumNearOne(double epsilon, double A, double B, double z, double logOneMinusZ) {
        double c = B + epsilon;
        double first = epsilon == 0 ? -logOneMinusZ : -Math.expm1(epsilon * logOneMinusZ) / epsilon;
        double term = (c - A) / c * z;
        double sum = term;
        for (int k = 1; k < MAX_TERMS; k++) {
            double ratio = (c - A + k) * (epsilon + k) / ((c + k) * (k + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (term == 0.0 || (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(ratio) < 1.0)) {
                return c * (first - Math.exp(epsilon * logOneMinusZ) * sum);
            }
        }
        return Double.NaN;
    }

    /**
     * For z so close to 1 that the series is too long: cubic Lagrange interpolation in a through the direct formula at
     * a = 1 +/- h and 1 +/- 2h (the bracket is analytic in a; h keeps the 1/(a-1) cancellation to about 1e-12).
     */
    private static double interpolatedNearOne(double epsilon, double A, double B, double z, double logOneMinusZ) {
        double h = 2 * NEAR_ONE;
        double[] nodes = {-2 * h, -h, h, 2 * h};
        double value = 0.0;
        for (int i = 0; i < nodes.length; i++) {
            double weight = 1.0;
            for (int j = 0; j < nodes.length; j++) {
                if (j != i) {
                    weight *= (epsilon - nodes[j]) / (nodes[i] - nodes[j]);
                }
            }
            value += weight * direct(1 + nodes[i], A, B, z, logOneMinusZ);
        }
        return value;
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
