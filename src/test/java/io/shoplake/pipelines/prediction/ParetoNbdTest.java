package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

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
}
