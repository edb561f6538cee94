package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
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
}
