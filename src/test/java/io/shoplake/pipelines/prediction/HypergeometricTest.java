package io.shoplake.pipelines.prediction;

import static io.shoplake.pipelines.prediction.Hypergeometric.hyp2f1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HypergeometricTest {

    /** Reference values from mpmath.hyp2f1 at 30 digits (computed outside this project). */
    @ParameterizedTest
    @CsvSource({
        "1, 1, 2, 0.5, 1.3862943611198906188",
        "1, 1, 2, 0.999999, 13.815524373459892297",
        "1, 1, 2, -3, 0.46209812037329687294",
        "0.5, 0.5, 1.5, 0.25, 1.0471975511965977462",
        "2.2426, 4.4259, 4.2188, 0.4740281208066743, 4.5743234807916804701",
        "0.2426, 2.4259, 2.2188, 0.95, 2.4429513633156684356",
        "0.2426, 2.4259, 2.2188, 0.9999, 29.88305811491716867",
        "3.5, 2.5, 1.3, 0.97, 44091930.822378860634",
        "3.5, 2.5, 1.3, -50, 2.2900460762290202511e-6",
        "2.0, 3.0, 5.0, 0.9999999, 163.41725426813757739",
        "12.55, 7.0, 13.55, 0.98, 31856648151.637542198",
        "10.2426, 12.4259, 12.2188, 0.99, 7.6409545406227489835e+20",
        "1.5, 2.5, 4.0, 0.999999999, 95.896267001492633019",
        "0.7, 1.3, 2.0, 0.9995, 6.7290876383307775098",
    })
    void matchesReferenceValues(double a, double b, double c, double z, double expected) {
        assertThat(hyp2f1(a, b, c, z)).isCloseTo(expected, within(Math.abs(expected) * 1e-9));
    }

    @Test
    void matchesClosedForms() {
        for (double z : new double[] {-20, -0.9, -0.3, 0.1, 0.5, 0.7, 0.95, 0.995, 0.999999}) {
            // 2F1(1,1;2;z) = -ln(1-z)/z: c - a - b = 0, the singular case of the 1 - z transformation.
            assertThat(hyp2f1(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z, within(1e-9 * Math.abs(Math.log1p(-z) / z)));
            // 2F1(a,b;b;z) = (1-z)^-a.
            assertThat(hyp2f1(0.37, 2.5, 2.5, z))
                    .isCloseTo(Math.pow(1 - z, -0.37), within(1e-9 * Math.pow(1 - z, -0.37)));
        }
        for (double x : new double[] {0.1, 0.5, 0.9, 0.999}) {
            // 2F1(1/2,1/2;3/2;x^2) = arcsin(x)/x.
            assertThat(hyp2f1(0.5, 0.5, 1.5, x * x)).isCloseTo(Math.asin(x) / x, within(1e-9));
        }
    }

    @Test
    void polynomialWhenAIsANonPositiveInteger() {
        // 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2/(c(c+1)).
        double b = 1.7;
        double c = 3.1;
        double z = 0.8;
        assertThat(hyp2f1(-2, b, c, z))
                .isCloseTo(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), within(1e-14));
    }

    @Test
    void rejectsArgumentsOutsideItsDomain() {
        assertThatThrownBy(() -> hyp2f1(1, 1, 2, 1.0))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("2F1 needs z < 1, was: 1.0");
        assertThatThrownBy(() -> hyp2f1(1, 1, -2, 0.5))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("2F1 is undefined for c a non-positive integer, was: -2.0");
    }
}
