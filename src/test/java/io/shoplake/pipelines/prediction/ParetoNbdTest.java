package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pareto/NBD quantities at the published CDNOW parameters for x = 2, t_x = 30.43, T = 38.86 weeks; reference values
 * from an independent scipy implementation (lifetimes' formulas with scipy.special.hyp2f1, scipy.integrate.quad).
 */
class ParetoNbdTest {

    private static final ParetoNbd MODEL = new ParetoNbd(new ParetoNbd.Params(0.5534, 10.5802, 0.6061, 11.6562));

    @Test
    void matchesIndependentValues() {
        assertThat(MODEL.logLikelihood(2, 30.43, 38.86)).isCloseTo(-9.554510694614422, within(1e-9));
        assertThat(MODEL.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.8691106439681371, within(1e-9));
        assertThat(MODEL.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.455092843844255, within(1e-9));
        assertThat(MODEL.unconditionalExpectedPurchases(39)).isCloseTo(1.2131177118615133, within(1e-9));
        assertThat(MODEL.probabilityOfPurchaseWithin(1, 2, 30.43, 38.86)).isCloseTo(0.043067270771849624, within(1e-9));
        assertThat(MODEL.probabilityOfPurchaseWithin(4, 2, 30.43, 38.86)).isCloseTo(0.15314075164231553, within(1e-9));
        assertThat(MODEL.probabilityOfPurchaseWithin(100, 2, 30.43, 38.86)).isCloseTo(0.6830511336815951, within(1e-9));
    }

    @Test
    void withoutDropoutTheHorizonProbabilityIsTheNbdOne() {
        // s -> 0: nobody leaves within the horizon, so P(order within h | alive) = 1 - ((alpha+T)/(alpha+T+h))^(r+x).
        ParetoNbd noDropout = new ParetoNbd(new ParetoNbd.Params(0.5534, 10.5802, 1e-12, 11.6562));
        double expected = 1 - Math.pow((10.5802 + 38.86) / (10.5802 + 38.86 + 4), 2.5534);
        assertThat(noDropout.probabilityOfPurchaseWithin(4, 2, 30.43, 38.86)
                        / noDropout.probabilityAlive(2, 30.43, 38.86))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void aCustomerWhoseLastPurchaseIsTodayIsAlive() {
        assertThat(MODEL.probabilityAlive(3, 20, 20)).isEqualTo(1.0);
        assertThat(MODEL.probabilityAlive(0, 0, 0)).isEqualTo(1.0);
    }

    /**
     * Against direct numerical integration ({@link ParetoNbdQuadrature}): alpha &gt; beta, alpha = beta, alpha &lt;
     * beta, heavy buyers (x = 400 and 1000, where the textbook 2F1 for alpha &lt; beta is about e^1090 and
     * overflowed), a heavy buyer who bought today, and the same customers in days (alpha, beta, t_x, T times 7).
     */
    @ParameterizedTest(name = "r={0} alpha={1} s={2} beta={3} x={4} t_x={5} T={6}")
    @CsvSource({
        // alpha > beta, alpha = beta
        "0.5, 20, 0.8, 5, 3, 2, 10",
        "0.5, 8, 0.8, 8, 3, 2, 10",
        // the published CDNOW fit (alpha < beta), a typical customer
        "0.5534, 10.5802, 0.6061, 11.6562, 2, 30.43, 38.86",
        // heavy buyers, weeks: alpha < beta (the case that overflowed) and alpha > beta
        "0.5, 5, 0.8, 500, 400, 30, 39",
        "0.5, 5, 0.8, 500, 400, 38, 39",
        "0.5, 500, 0.8, 5, 400, 30, 39",
        "2.5, 5, 1.5, 5000, 1000, 50, 52",
        // the heavy buyer and the CDNOW customer in days
        "0.5, 35, 0.8, 3500, 400, 210, 273",
        "0.5534, 74.0614, 0.6061, 81.5934, 2, 213.01, 272.02",
    })
    void matchesDirectIntegration(double r, double alpha, double s, double beta, double x, double tx, double T) {
        ParetoNbd model = new ParetoNbd(new ParetoNbd.Params(r, alpha, s, beta));
        double logLikelihood = ParetoNbdQuadrature.logLikelihood(r, alpha, s, beta, x, tx, T);
        double pAlive = ParetoNbdQuadrature.probabilityAlive(r, alpha, s, beta, x, tx, T);
        double horizon = T / 10;
        double expected = ParetoNbdQuadrature.expectedPurchases(r, alpha, s, beta, horizon, x, tx, T);

        assertThat(model.logLikelihood(x, tx, T))
                .isCloseTo(logLikelihood, within(1e-8 * Math.max(1, Math.abs(logLikelihood))));
        assertThat(model.probabilityAlive(x, tx, T)).isCloseTo(pAlive, within(1e-9 * Math.max(pAlive, 1e-300)));
        assertThat(model.expectedPurchases(horizon, x, tx, T))
                .isCloseTo(expected, within(1e-9 * Math.max(expected, 1e-300)));
    }

    @Test
    void aHeavyBuyerWhoStoppedIsAlmostSurelyGone() {
        // x = 400 in 30 weeks, nothing for 9 weeks: P(alive) = 1.1731907742013064e-36 and log-likelihood
        // 564.84230901429372 (mpmath at 50 digits, outside this project), values the linear-space 2F1 overflowed on.
        ParetoNbd model = new ParetoNbd(new ParetoNbd.Params(0.5, 5, 0.8, 500));
        assertThat(model.probabilityAlive(400, 30, 39)).isCloseTo(1.1731907742013064e-36, within(1e-47));
        assertThat(model.logLikelihood(400, 30, 39)).isCloseTo(564.84230901429372, within(1e-9));
    }

    @Test
    void whatCannotBeEvaluatedIsNaNForTheFitAndAClearErrorForScoring() {
        // alpha / beta = 1e300: the 2F1 argument (alpha - beta) / (alpha + t) rounds to 1.
        ParetoNbd extreme = new ParetoNbd(new ParetoNbd.Params(0.5, 1e150, 0.8, 1e-150));
        assertThat(extreme.logLikelihood(2, 1, 3)).isNaN();
        assertThat(ModelType.PARETO_NBD.logLikelihood(
                        new double[] {0.5, 1e150, 0.8, 1e-150},
                        PatternSet.of(List.of(new PurchasePattern(2, 7, 21, 1)), TimeUnit.WEEKS)))
                .isNaN();
        assertThatThrownBy(() -> extreme.probabilityAlive(2, 1, 3))
                .isInstanceOf(ModelEvaluationException.class)
                .hasMessage("Pareto/NBD{r=0.5, alpha=1.0E150, s=0.8, beta=1.0E-150}: P(alive) cannot be computed for"
                        + " x=2.0, t_x=1.0, T=3.0 (2F1(2.5, 1; 4.3; w) needs w < 1, was: 1.0)");
    }
}
