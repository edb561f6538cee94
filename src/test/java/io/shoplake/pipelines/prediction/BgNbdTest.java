package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BG/NBD at the published CDNOW parameters, including the numeric edges (x = 0, large x, large T, long horizons). */
class BgNbdTest {

    private static final BgNbd MODEL = new BgNbd(new BgNbd.Params(0.2426, 4.4136, 0.7929, 2.4259));

    /** FHL eq. 10 evaluated with mpmath at 30 digits (outside this project). */
    @ParameterizedTest
    @CsvSource({
        "39, 0, 0, 38.86, 0.19478676916062002",
        "39, 200, 77, 78, 77.379552899181069",
        "500, 5, 10, 300, 5.6192709119415323e-6",
        "1, 150, 299.5, 300, 0.48963226693951715",
    })
    void conditionalExpectationAtTheEdges(double t, double x, double tx, double age, double expected) {
        assertThat(MODEL.expectedPurchases(t, x, tx, age)).isCloseTo(expected, within(Math.abs(expected) * 1e-8));
    }

    @Test
    void unconditionalExpectationAndLikelihood() {
        assertThat(MODEL.unconditionalExpectedPurchases(78)).isCloseTo(1.8580239048662915, within(1e-9));
        assertThat(MODEL.unconditionalExpectedPurchases(1000)).isCloseTo(6.5732668336820822, within(1e-8));
        assertThat(MODEL.logLikelihood(200, 77, 78)).isCloseTo(-28.656914977286, within(1e-9));
        assertThat(MODEL.logLikelihood(0, 0, 38.86)).isCloseTo(-0.55381991128943084, within(1e-12));
    }

    @Test
    void tooLittleDataIsAClearError() {
        // 100 customers whose repeat buyers all bought recently: nobody seems to leave, the dropout shape a runs to 0.
        List<PurchasePattern> patterns = List.of(
                new PurchasePattern(0, 0, 70, 60),
                new PurchasePattern(1, 20, 70, 25),
                new PurchasePattern(3, 50, 70, 10),
                new PurchasePattern(6, 65, 70, 5));
        PatternSet set = PatternSet.of(patterns, TimeUnit.DAYS);
        assertThatThrownBy(() -> ModelFit.fit(ModelType.BGNBD, set, 0))
                .isInstanceOf(ModelFitException.class)
                .hasMessageStartingWith("cannot fit BG/NBD: the likelihood has no interior maximum (a runs off to ")
                .hasMessageEndingWith("): the data are too few or too uniform to identify the model");
    }

    @Test
    void parametersMustBePositive() {
        assertThatThrownBy(() -> new BgNbd.Params(0.1, -2, 1, 1))
                .hasMessage("alpha must be a positive finite number, was: -2.0");
    }

    /**
     * FHL eq. 9 and eq. 10 written out here with 2F1 (tested on its own against mpmath), valid away from a = 1 where
     * they divide by a - 1.
     */
    private static double textbookUnconditional(double r, double alpha, double a, double b, double t) {
        double z = t / (alpha + t);
        return (a + b - 1)
                / (a - 1)
                * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.hyp2f1(r, b, a + b - 1, z));
    }

    private static double textbookConditional(
            double r, double alpha, double a, double b, double t, double x, double tx, double T) {
        double z = t / (alpha + T + t);
        double numerator = (a + b + x - 1)
                / (a - 1)
                * (1
                        - Math.pow((alpha + T) / (alpha + T + t), r + x)
                                * Hypergeometric.hyp2f1(r + x, b + x, a + b + x - 1, z));
        double denominator = x == 0 ? 1 : 1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x);
        return numerator / denominator;
    }

    /** The textbook eq. 9 (T = 0) or eq. 10 at a. */
    private static double textbook(
            double a, double r, double alpha, double b, double t, double x, double tx, double T) {
        return T == 0 ? textbookUnconditional(r, alpha, a, b, t) : textbookConditional(r, alpha, a, b, t, x, tx, T);
    }

    /**
     * a = 1 and a within 1e-7 of it: the expectations' 1/(a-1) singularity is removable. The reference is the textbook
     * formula near a = 1, where it still works: Richardson's extrapolation of the symmetric means at a = 1 +/- 1e-4 and
     * 1 +/- 2e-4 (error of order 1e-16 from the expansion, about 1e-10 from the cancellation); off 1 by 1e-7, the
     * limit plus 1e-7 times the central difference. Two are also pinned to mpmath (limits of eq. 9/10 at 50 digits,
     * outside this project).
     */
    @ParameterizedTest(name = "r={0} alpha={1} b={2} t={3} x={4} t_x={5} T={6}")
    @CsvSource({
        "0.2426, 4.4136, 2.4259, 39, 0, 0, 0, NaN",
        "0.2426, 4.4136, 2.4259, 78, 2, 30.43, 38.86, 1.8830079283756796",
        "0.2426, 4.4136, 2.4259, 1, 150, 299.5, 300, 0.48861942691248148",
        "0.7, 30.9, 0.6, 7, 5, 200, 270, NaN",
        "1.3, 2, 5, 500, 0, 0, 0, NaN",
    })
    void theAEqualsOneLimit(double r, double alpha, double b, double t, double x, double tx, double T, double pinned) {
        double h = 1e-4;
        double mean1 = (textbook(1 + h, r, alpha, b, t, x, tx, T) + textbook(1 - h, r, alpha, b, t, x, tx, T)) / 2;
        double mean2 =
                (textbook(1 + 2 * h, r, alpha, b, t, x, tx, T) + textbook(1 - 2 * h, r, alpha, b, t, x, tx, T)) / 2;
        double limit = (4 * mean1 - mean2) / 3;
        double slope =
                (textbook(1 + h, r, alpha, b, t, x, tx, T) - textbook(1 - h, r, alpha, b, t, x, tx, T)) / (2 * h);
        if (!Double.isNaN(pinned)) {
            assertThat(limit).isCloseTo(pinned, within(1e-9 * pinned));
        }
        for (double a : new double[] {1.0, 1 + 1e-7, 1 - 1e-7}) {
            BgNbd model = new BgNbd(new BgNbd.Params(r, alpha, a, b));
            double value = T == 0 ? model.unconditionalExpectedPurchases(t) : model.expectedPurchases(t, x, tx, T);
            double expected = limit + (a - 1) * slope;
            assertThat(value).as("a = %s", a).isCloseTo(expected, within(1e-9 * expected));
            if (!Double.isNaN(pinned) && a == 1.0) {
                assertThat(value).isCloseTo(pinned, within(1e-12 * pinned));
            }
        }
    }

    @Test
    void theAEqualsOneLimitInClosedForm() {
        // At a = 1 and r = b, eq. 9's series part vanishes and E[X(t)] = r log(1 + t / alpha) (the near-one series at
        // epsilon = 0 is b [-log(1-z) - sum (b-r)_k / (b)_k z^k / k]). t = 1e7 takes z to within 5e-7 of 1, past the
        // series, to the interpolation in a.
        for (double t : new double[] {0.5, 39, 78, 1000, 1e7}) {
            BgNbd model = new BgNbd(new BgNbd.Params(2.0, 4.4136, 1.0, 2.0));
            double expected = 2.0 * Math.log1p(t / 4.4136);
            assertThat(model.unconditionalExpectedPurchases(t))
                    .as("t = %s", t)
                    .isCloseTo(expected, within(1e-9 * expected));
        }
    }

    /** One customer's BG/NBD likelihood as FHL (2005) eq. 6 states it, with Beta functions, in linear space. */
    static double paperLikelihood(double r, double alpha, double a, double b, double x, double tx, double T) {
        double gammaPart = Math.exp(Gamma.logGamma(r + x) - Gamma.logGamma(r)) * Math.pow(alpha, r);
        double beta = Math.exp(logBeta(a, b + x) - logBeta(a, b));
        double value = beta * gammaPart / Math.pow(alpha + T, r + x);
        if (x > 0) {
            value += Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b)) * gammaPart / Math.pow(alpha + tx, r + x);
        }
        return value;
    }

    private static double logBeta(double p, double q) {
        return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
    }

    @Test
    void theFittedLikelihoodIsThePapersLikelihood() {
        // The one BG/NBD likelihood (what ModelFit maximises and BgNbd.logLikelihood reports) against eq. 6, summed
        // over customers here; in days, with repeated x, t_x and T values that the evaluation caches. The fitted
        // CDNOW likelihood is checked the same way in CdnowPublishedFitTest.
        List<PurchasePattern> patterns = List.of(
                new PurchasePattern(0, 0, 200, 40),
                new PurchasePattern(1, 30, 200, 12),
                new PurchasePattern(1, 30, 150, 3),
                new PurchasePattern(3, 120, 200, 7),
                new PurchasePattern(3, 140, 150, 2),
                new PurchasePattern(9, 190, 200, 4),
                new PurchasePattern(25, 149, 150, 1));
        double[] p = {0.8, 35.0, 0.6, 2.2};
        double expected = 0;
        for (PurchasePattern pattern : patterns) {
            expected += pattern.customers()
                    * Math.log(paperLikelihood(
                            p[0], p[1], p[2], p[3], pattern.x(), pattern.recencyDays(), pattern.ageDays()));
        }
        PatternSet set = PatternSet.of(patterns, TimeUnit.DAYS);
        assertThat(ModelType.BGNBD.logLikelihood(p, set)).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        BgNbd model = new BgNbd(new BgNbd.Params(p[0], p[1], p[2], p[3]));
        assertThat(model.logLikelihood(9, 190, 200))
                .isCloseTo(Math.log(paperLikelihood(p[0], p[1], p[2], p[3], 9, 190, 200)), within(1e-12));
    }
}
