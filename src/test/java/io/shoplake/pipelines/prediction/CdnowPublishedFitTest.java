package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The models against the published CDNOW results, fitted on lifetimes' per-customer summary of the 2,357-customer
 * sample (weeks, calibration 1997-01-01..1997-09-30). The summary rounds days/7 to two decimals, so days are
 * recovered by rounding weeks times 7.
 */
class CdnowPublishedFitTest {

    @Test
    void bgNbdReproducesFaderHardieLee2005() throws IOException {
        ModelFit fit = ModelFit.fit(ModelType.BGNBD, PatternSet.of(patterns(), TimeUnit.WEEKS), 0);

        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.params().get("r")).isCloseTo(0.2426, within(0.0005));
        assertThat(fit.params().get("alpha")).isCloseTo(4.4136, within(0.0005));
        assertThat(fit.params().get("a")).isCloseTo(0.7929, within(0.0005));
        assertThat(fit.params().get("b")).isCloseTo(2.4259, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, within(0.005));
        // Standard errors of the published fit (lifetimes' summary, from the same Hessian): 0.0126, 0.3781, 0.1857,
        // 0.7054.
        assertThat(fit.stdErrors().get("r")).isCloseTo(0.0126, within(0.0005));
        assertThat(fit.stdErrors().get("alpha")).isCloseTo(0.3781, within(0.002));
        assertThat(fit.stdErrors().get("a")).isCloseTo(0.1857, within(0.002));
        assertThat(fit.stdErrors().get("b")).isCloseTo(0.7054, within(0.005));
    }

    @Test
    void theFittedLikelihoodIsThePapersLikelihoodAtTheOptimum() throws IOException {
        List<PurchasePattern> patterns = patterns();
        ModelFit fit = ModelFit.fit(ModelType.BGNBD, PatternSet.of(patterns, TimeUnit.WEEKS), 0);
        double[] p = {
            fit.params().get("r"),
            fit.params().get("alpha"),
            fit.params().get("a"),
            fit.params().get("b")
        };
        double expected = 0;
        for (PurchasePattern pattern : patterns) {
            expected += pattern.customers()
                    * Math.log(BgNbdTest.paperLikelihood(
                            p[0], p[1], p[2], p[3], pattern.x(), pattern.recencyDays() / 7.0, pattern.ageDays() / 7.0));
        }
        assertThat(fit.logLikelihood()).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }

    @Test
    void paretoNbdFitSurvivesHeavyBuyersAndMaximisesTheIndependentLikelihood() throws IOException {
        // CDNOW plus three near-daily buyers (x = 400 and 600): the search passes through alpha < beta with those x,
        // where the linear-space 2F1 overflowed and the fit died with an ArithmeticException.
        List<PurchasePattern> patterns = new ArrayList<>(patterns());
        patterns.add(new PurchasePattern(400, 420, 540, 1));
        patterns.add(new PurchasePattern(400, 530, 540, 1));
        patterns.add(new PurchasePattern(600, 610, 610, 1));

        ModelFit fit = ModelFit.fit(ModelType.PARETO_NBD, PatternSet.of(patterns, TimeUnit.WEEKS), 0);

        double[] p = {
            fit.params().get("r"),
            fit.params().get("alpha"),
            fit.params().get("s"),
            fit.params().get("beta")
        };
        assertThat(fit.logLikelihood()).isCloseTo(paretoQuadrature(p, patterns), within(1e-6));
        // A maximum of the independent likelihood: 1% either way on any parameter lowers it.
        for (int i = 0; i < p.length; i++) {
            for (double factor : new double[] {0.99, 1.01}) {
                double[] moved = p.clone();
                moved[i] *= factor;
                assertThat(paretoQuadrature(moved, patterns)).isLessThan(fit.logLikelihood());
            }
        }
    }

    private static double paretoQuadrature(double[] p, List<PurchasePattern> patterns) {
        double total = 0;
        for (PurchasePattern pattern : patterns) {
            total += pattern.customers()
                    * ParetoNbdQuadrature.logLikelihood(
                            p[0], p[1], p[2], p[3], pattern.x(), pattern.recencyDays() / 7.0, pattern.ageDays() / 7.0);
        }
        return total;
    }

    @Test
    void coarseToFineFitReachesTheSameOptimum() throws IOException {
        // The path large data sets take: search on week-rounded patterns, then Newton steps on the exact ones.
        ModelFit fit = ModelFit.fit(ModelType.BGNBD, PatternSet.of(patterns(), TimeUnit.WEEKS), 0, 0);

        assertThat(fit.params().get("r")).isCloseTo(0.2426, within(0.0005));
        assertThat(fit.params().get("alpha")).isCloseTo(4.4136, within(0.0005));
        assertThat(fit.params().get("a")).isCloseTo(0.7929, within(0.0005));
        assertThat(fit.params().get("b")).isCloseTo(2.4259, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, within(0.005));
    }

    @Test
    void penaltyShrinksTheParameters() throws IOException {
        PatternSet set = PatternSet.of(patterns(), TimeUnit.WEEKS);
        ModelFit plain = ModelFit.fit(ModelType.BGNBD, set, 0);
        ModelFit penalised = ModelFit.fit(ModelType.BGNBD, set, 0.01);
        assertThat(squares(penalised)).isLessThan(squares(plain));
        assertThat(penalised.logLikelihood()).isLessThan(plain.logLikelihood());
    }

    private static double squares(ModelFit fit) {
        return fit.params().values().stream().mapToDouble(v -> v * v).sum();
    }

    @Test
    void bgNbdPublishedCheckValue() {
        BgNbd model = new BgNbd(new BgNbd.Params(0.2426, 4.4136, 0.7929, 2.4259));
        assertThat(model.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void paretoNbdMatchesPublishedEstimates() throws IOException {
        ModelFit fit = ModelFit.fit(ModelType.PARETO_NBD, PatternSet.of(patterns(), TimeUnit.WEEKS), 0);

        // Published (BTYD's CDNOW demo; Fader-Hardie): r 0.5534, alpha 10.5802, s 0.6061, beta 11.6562, LL -9594.98.
        // An independent scipy fit of the same likelihood gives 0.55328, 10.5777, 0.60624, 11.6687: the likelihood is
        // flat along beta, so alpha and beta agree to about 0.02 between optimisers.
        assertThat(fit.params().get("r")).isCloseTo(0.5534, within(0.001));
        assertThat(fit.params().get("alpha")).isCloseTo(10.5802, within(0.03));
        assertThat(fit.params().get("s")).isCloseTo(0.6061, within(0.002));
        assertThat(fit.params().get("beta")).isCloseTo(11.6562, within(0.03));
        assertThat(fit.logLikelihood()).isCloseTo(-9594.98, within(0.01));
    }

    @Test
    void gammaGammaMatchesLifetimes() throws IOException {
        Path file = SharedData.require("cdnow/cdnow_customers_summary_with_transactions.csv");
        List<SpendFit.Observation> observations = new ArrayList<>();
        for (String line : Files.readAllLines(file).subList(1, 2358)) {
            String[] fields = line.strip().split(",");
            long x = Long.parseLong(fields[1]);
            if (x > 0) {
                observations.add(new SpendFit.Observation(x, Double.parseDouble(fields[4]), 1));
            }
        }

        SpendFit fit = SpendFit.fit(observations, 0);

        // lifetimes' docs: 946 subjects, p 6.25, q 3.74, v 15.45; scipy on the same file: 6.2488, 3.7446, 15.4477,
        // log-likelihood -4055.92.
        assertThat(fit.customers()).isEqualTo(946);
        GammaGamma.Params params = fit.model().params();
        assertThat(params.p()).isCloseTo(6.2488, within(0.001));
        assertThat(params.q()).isCloseTo(3.7446, within(0.001));
        assertThat(params.gamma()).isCloseTo(15.4477, within(0.002));
        assertThat(fit.logLikelihood()).isCloseTo(-4055.92, within(0.01));
        // Customer 1: x = 2, mean 22.35: p (gamma + x m) / (p x + q - 1), by hand
        // 6.2488*(15.4477+44.70)/(12.4976+2.7446).
        assertThat(fit.model().expectedAverageValue(2, 22.35)).isCloseTo(24.658, within(0.002));
    }

    private static List<PurchasePattern> patterns() throws IOException {
        Path file = SharedData.require("cdnow/cdnow_customers_summary.csv");
        Map<List<Long>, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(file).subList(1, 2358)) {
            String[] fields = line.strip().split(",");
            long x = Long.parseLong(fields[1]);
            long recency = Math.round(Double.parseDouble(fields[2]) * 7);
            long age = Math.round(Double.parseDouble(fields[3]) * 7);
            counts.merge(List.of(x, recency, age), 1L, Long::sum);
        }
        List<PurchasePattern> patterns = new ArrayList<>();
        counts.forEach((key, n) -> patterns.add(new PurchasePattern(key.get(0), key.get(1), key.get(2), n)));
        return patterns;
    }
}
