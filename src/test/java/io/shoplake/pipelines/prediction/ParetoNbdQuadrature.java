package io.shoplake.pipelines.prediction;

import org.hipparchus.special.Gamma;

/**
 * Pareto/NBD quantities by direct numerical integration, independent of the 2F1 closed forms under test. Given rate
 * lambda ~ Gamma(r, alpha) and dropout rate mu ~ Gamma(s, beta), a customer with x purchases, the last at t_x, seen
 * until T, has likelihood E[lambda^x e^(-lambda T) e^(-mu T)] (alive at T) plus the integral over the dropout time
 * u in (t_x, T] of E[lambda^x e^(-lambda u)] E[mu e^(-mu u)] (died at u). The expectations over the Gamma
 * distributions are elementary; the integral over u is a composite Simpson rule in log space, with a step small
 * against the length over which the integrand falls by e (its error is then about 1e-12 relative).
 */
public final class ParetoNbdQuadrature {

    /** Simpson intervals per length over which the integrand falls by a factor e (at least 512 in all). */
    private static final int PER_SCALE = 256;

    private ParetoNbdQuadrature() {}

    /** The log-likelihood of (x, t_x, T) at (r, alpha, s, beta). */
    public static double logLikelihood(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double[] terms = terms(r, alpha, s, beta, x, tx, T);
        double max = Math.max(terms[0], terms[1]);
        return Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                + r * Math.log(alpha)
                + s * Math.log(beta)
                + max
                + Math.log(Math.exp(terms[0] - max) + Math.exp(terms[1] - max));
    }

    /** P(alive at T | x, t_x, T) = alive term / (alive term + died term). */
    public static double probabilityAlive(
            double r, double alpha, double s, double beta, double x, double tx, double T) {
        double[] terms = terms(r, alpha, s, beta, x, tx, T);
        return 1.0 / (1.0 + Math.exp(terms[1] - terms[0]));
    }

    /**
     * E[purchases in (T, T + t]] = P(alive) E[lambda | alive] E[(1 - e^(-mu t)) / mu | alive], with lambda | alive ~
     * Gamma(r + x, alpha + T) and mu | alive ~ Gamma(s, beta + T): E[(1 - e^(-mu t)) / mu] is the integral over
     * (0, t] of E[e^(-mu u)] = ((beta+T)/(beta+T+u))^s, again by Simpson's rule.
     */
    public static double expectedPurchases(
            double r, double alpha, double s, double beta, double t, double x, double tx, double T) {
        double lifetime = simpson(u -> s * Math.log((beta + T) / (beta + T + u)), 0, t, (beta + T) / s);
        return probabilityAlive(r, alpha, s, beta, x, tx, T) * (r + x) / (alpha + T) * lifetime;
    }

    /** {log alive term, log died term}, both without the common factor Gamma(r+x) alpha^r beta^s / Gamma(r). */
    private static double[] terms(double r, double alpha, double s, double beta, double x, double tx, double T) {
        double alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
        if (T <= tx) {
            return new double[] {alive, Double.NEGATIVE_INFINITY};
        }
        java.util.function.DoubleUnaryOperator logIntegrand =
                u -> -(r + x) * Math.log(alpha + u) - (s + 1) * Math.log(beta + u);
        double top = logIntegrand.applyAsDouble(tx);
        double scale = 1 / ((r + x) / (alpha + tx) + (s + 1) / (beta + tx));
        double integral = simpson(u -> logIntegrand.applyAsDouble(u) - top, tx, T, scale);
        return new double[] {alive, Math.log(s) + top + Math.log(integral)};
    }

    /** Simpson's rule for the integral of exp(logF(u)) over [from, to], logF changing by about 1 over scale. */
    private static double simpson(java.util.function.DoubleUnaryOperator logF, double from, double to, double scale) {
        long steps = Math.max(512, (long) Math.ceil(PER_SCALE * (to - from) / scale));
        int n = (int) Math.min(20_000_000, steps + steps % 2);
        double h = (to - from) / n;
        double sum = Math.exp(logF.applyAsDouble(from)) + Math.exp(logF.applyAsDouble(to));
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(logF.applyAsDouble(from + i * h));
        }
        return sum * h / 3;
    }
}
