package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** Gamma-Gamma's expected transaction value where the posterior mean exists, and where it does not (p x + q <= 1). */
class GammaGammaTest {

    /** p = 0.3, q = 0.5: p x + q is 0.8 at x = 1 (no finite mean) and 1.1 at x = 2. */
    private static final GammaGamma SMALL_Q = new GammaGamma(new GammaGamma.Params(0.3, 0.5, 10));

    @Test
    void theExpectationIsInfiniteWherePxPlusQIsAtMostOne() {
        assertThat(SMALL_Q.expectedAverageValue(1, 20)).isEqualTo(Double.POSITIVE_INFINITY);
        // By hand: 0.3 (10 + 2 * 20) / (0.6 + 0.5 - 1) = 15 / 0.1.
        assertThat(SMALL_Q.expectedAverageValue(2, 20)).isCloseTo(150.0, within(1e-9));
        // x = 0 (or no known mean): the population mean p gamma / (q - 1) needs q > 1.
        assertThat(SMALL_Q.expectedAverageValue(0, Double.NaN)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SMALL_Q.populationMean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SMALL_Q.finiteFromRepeatTransactions()).isEqualTo(2);
        // p x + q exactly 1 (0.25 * 2 + 0.5) is still no finite mean.
        GammaGamma boundary = new GammaGamma(new GammaGamma.Params(0.25, 0.5, 10));
        assertThat(boundary.expectedAverageValue(2, 20)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(boundary.finiteFromRepeatTransactions()).isEqualTo(3);
        GammaGamma usual = new GammaGamma(new GammaGamma.Params(6.25, 3.74, 15.45));
        assertThat(usual.finiteFromRepeatTransactions()).isZero();
        // By hand: 6.25 * 15.45 / 2.74.
        assertThat(usual.expectedAverageValue(0, Double.NaN)).isCloseTo(35.24178832, within(1e-7));
    }

    @Test
    void posteriorMeanByIntegration() {
        // E[Z | x, m] = p E[1/nu] with nu ~ Gamma(shape p x + q, rate gamma + x m). With nu = e^y the integrand of
        // E[1/nu] is rate^shape e^((shape-1) y - rate e^y) / Gamma(shape): integrable at y -> -infinity only for shape
        // > 1. Shape 1.1 (x = 2): the integral matches the closed form; shape 0.8 (x = 1): it grows without bound as
        // the lower limit falls.
        assertThat(0.3 * inverseMean(1.1, 50, -2000)).isCloseTo(SMALL_Q.expectedAverageValue(2, 20), within(1e-6));
        double shallow = inverseMean(0.8, 30, -200);
        double deep = inverseMean(0.8, 30, -400);
        assertThat(deep).isGreaterThan(shallow * 1e17);
    }

    /** The integral over y in [from, 10] of rate^shape e^((shape-1) y - rate e^y) / Gamma(shape), by Simpson's rule. */
    private static double inverseMean(double shape, double rate, double from) {
        int n = 2_000_000;
        double to = 10;
        double h = (to - from) / n;
        double logConstant = shape * Math.log(rate) - Gamma.logGamma(shape);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double y = from + i * h;
            double f = Math.exp(logConstant + (shape - 1) * y - rate * Math.exp(y));
            sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * f;
        }
        return sum * h / 3;
    }

    @Test
    void scoringReportsNoSpendWhereTheMeanIsInfinite() {
        LocalDate asOf = LocalDate.of(2024, 3, 31);
        BgNbd model = new BgNbd(new BgNbd.Params(0.2426, 4.4136, 0.7929, 2.4259));
        NextOrderScoring.Settings settings =
                new NextOrderScoring.Settings(asOf, TimeUnit.WEEKS, 7, 0.2, 30, SMALL_Q, "run-1");
        Row one = NextOrderScoring.scoreOne(
                RowFactory.create("one", Date.valueOf(asOf.minusDays(5)), 1L, 60, 65, 20.0), model, settings);
        Row two = NextOrderScoring.scoreOne(
                RowFactory.create("two", Date.valueOf(asOf.minusDays(5)), 2L, 60, 65, 20.0), model, settings);
        assertThat(one.isNullAt(7)).isTrue();
        // expected_spend = expected orders in the horizon times E[Z | x = 2, m = 20] = 150.
        assertThat(two.getDouble(7)).isCloseTo(two.getDouble(4) * 150.0, within(1e-9));
        assertThat(two.getDouble(7)).isPositive();

        assertThat(NextOrderPrediction.undefinedSpend(SMALL_Q))
                .contains("for customers with fewer than 2 repeat purchases (Gamma-Gamma's expected value is infinite"
                        + " when p x + q <= 1; p = 0.3000, q = 0.5000)");
        assertThat(NextOrderPrediction.undefinedSpend(new GammaGamma(new GammaGamma.Params(6.25, 3.74, 15.45))))
                .isEmpty();
    }
}
