package io.shoplake.pipelines.prediction;

import org.hipparchus.special.Gamma;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and real z &lt; 1, as the purchase models need
 * it. Summed as a power series where that converges quickly (or has only positive terms); near z = 1 it uses the
 * linear transformation to 1 - z (Abramowitz and Stegun 15.3.6), and for z &lt; -0.5 the Pfaff transformation to
 * z / (z - 1). When c - a - b is (nearly) an integer, 15.3.6 is singular; the value is then interpolated in c from
 * four nearby non-singular points (2F1 is analytic in c), good to about 1e-10 relative.
 */
public final class Hypergeometric {

    private static final int MAX_TERMS = 200_000;
    private static final double TOLERANCE = 1e-16;
    /** Below this, all-positive series are summed directly (at most a few thousand terms). */
    private static final double POSITIVE_SERIES_LIMIT = 0.99;
    /** Below this, series with mixed signs are summed directly. */
    private static final double SERIES_LIMIT = 0.6;

    private static final double INTEGER_GAP = 5e-5;

    private Hypergeometric() {}

    /** 2F1(a, b; c; z); throws {@link ArithmeticException} when it cannot be evaluated to full precision. */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(z)) {
            throw new ArithmeticException("2F1 arguments must be numbers, were: " + a + ", " + b + ", " + c + ", " + z);
        }
        if (z >= 1.0) {
            throw new ArithmeticException("2F1 needs z < 1, was: " + z);
        }
        if (isNonPositiveInteger(c)) {
            throw new ArithmeticException("2F1 is undefined for c a non-positive integer, was: " + c);
        }
        if (z == 0.0 || a == 0.0 || b == 0.0) {
            return 1.0;
        }
        if (z < -0.5) {
            // Pfaff: 2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; z/(z-1)), and z/(z-1) lies in (1/3, 1).
            double w = z / (z - 1.0);
            return Math.pow(1.0 - z, -a) * hyp2f1(a, c - b, c, w);
        }
        boolean positiveTerms = a > 0 && b > 0 && c > 0;
        if (z <= SERIES_LIMIT
                || (positiveTerms && z <= POSITIVE_SERIES_LIMIT)
                || isNonPositiveInteger(a)
                || isNonPositiveInteger(b)) {
            return series(a, b, c, z);
        }
        return transformedNearOne(a, b, c, z);
    }

    /**
     * 2F1 by the transformation to 1 - z (interpolated in c when c - a - b is nearly an integer), for callers that
     * know the direct series is slow at their z (above about 0.9 with positive terms).
     */
    static double transformedNearOne(double a, double b, double c, double z) {
        double m = c - a - b;
        double nearest = Math.rint(m);
        if (Math.abs(m - nearest) < INTEGER_GAP) {
            return interpolatedInC(a, b, c, z, nearest);
        }
        return nearOne(a, b, c, z);
    }

    /** The power series sum_k (a)_k (b)_k / ((c)_k k!) z^k, stopped when the terms are negligible and shrinking. */
    static double series(double a, double b, double c, double z) {
        double term = 1.0;
        double sum = 1.0;
        for (int k = 0; k < MAX_TERMS; k++) {
            double ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (term == 0.0) {
                return sum;
            }
            if (Math.abs(term) <= TOLERANCE * Math.abs(sum) && Math.abs(ratio) < 1.0) {
                return sum;
            }
            if (Double.isInfinite(sum) || Double.isNaN(sum)) {
                break;
            }
        }
        throw new ArithmeticException("2F1 series did not converge for a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
    }

    /** A&S 15.3.6: the transformation to 1 - z, valid when c - a - b is not an integer. */
    private static double nearOne(double a, double b, double c, double z) {
        double w = 1.0 - z;
        double m = c - a - b;
        double first = 0.0;
        double coefficient1 = gammaRatio(new double[] {c, m}, new double[] {c - a, c - b});
        if (coefficient1 != 0.0) {
            first = coefficient1 * series(a, b, 1.0 - m, w);
        }
        double second = 0.0;
        double coefficient2 = gammaRatio(new double[] {c, -m}, new double[] {a, b});
        if (coefficient2 != 0.0) {
            second = coefficient2 * Math.pow(w, m) * series(c - a, c - b, m + 1.0, w);
        }
        double value = first + second;
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new ArithmeticException(
                    "2F1 overflowed near z = 1 for a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
        }
        return value;
    }

    /**
     * For c - a - b within {@link #INTEGER_GAP} of the integer n: cubic Lagrange interpolation in c through the points
     * where c - a - b = n +/- h and n +/- 2h; h is large enough to keep cancellation small and small enough that the
     * interpolation error (order h^4) is negligible.
     */
    private static double interpolatedInC(double a, double b, double c, double z, double n) {
        double h = 2 * INTEGER_GAP;
        double[] nodes = {n - 2 * h, n - h, n + h, n + 2 * h};
        double target = c - a - b;
        double value = 0.0;
        for (int i = 0; i < nodes.length; i++) {
            double weight = 1.0;
            for (int j = 0; j < nodes.length; j++) {
                if (j != i) {
                    weight *= (target - nodes[j]) / (nodes[i] - nodes[j]);
                }
            }
            value += weight * nearOne(a, b, a + b + nodes[i], z);
        }
        return value;
    }

    /** prod Gamma(numerator) / prod Gamma(denominator), via log-gamma with signs; 0 when a denominator is a pole. */
    private static double gammaRatio(double[] numerator, double[] denominator) {
        double log = 0.0;
        double sign = 1.0;
        for (double x : denominator) {
            if (isNonPositiveInteger(x)) {
                return 0.0;
            }
            log -= logAbsGamma(x);
            sign *= gammaSign(x);
        }
        for (double x : numerator) {
            if (isNonPositiveInteger(x)) {
                throw new ArithmeticException("2F1 transformation hit a pole of Gamma at " + x);
            }
            log += logAbsGamma(x);
            sign *= gammaSign(x);
        }
        return sign * Math.exp(log);
    }

    /** log |Gamma(x)|, using the reflection formula for negative x. */
    static double logAbsGamma(double x) {
        if (x > 0) {
            return Gamma.logGamma(x);
        }
        return Math.log(Math.PI) - Math.log(Math.abs(Math.sin(Math.PI * x))) - Gamma.logGamma(1.0 - x);
    }

    static double gammaSign(double x) {
        if (x > 0) {
            return 1.0;
        }
        return Math.sin(Math.PI * x) > 0 ? 1.0 : -1.0;
    }

    private static boolean isNonPositiveInteger(double x) {
        return x <= 0 && x == Math.rint(x);
    }
}
