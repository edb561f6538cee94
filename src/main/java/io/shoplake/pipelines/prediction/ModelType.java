package io.shoplake.pipelines.prediction;

import java.util.List;
import java.util.Locale;
import org.hipparchus.special.Gamma;

/** The purchase models one can fit: their names, parameters and the weighted log-likelihood over patterns. */
public enum ModelType {
    BGNBD(BgNbd.NAME, "BG/NBD", List.of("r", "alpha", "a", "b")) {
        @Override
        PurchaseModel create(double[] p) {
            return new BgNbd(new BgNbd.Params(p[0], p[1], p[2], p[3]));
        }

        /** Each log and log-gamma is computed once per distinct x, t_x and T value, not once per pattern. */
        @Override
        double logLikelihood(double[] p, PatternSet set) {
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
            double common = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
            double[] byX = new double[set.xValues.length];
            double[] dropoutByX = new double[set.xValues.length];
            for (int i = 0; i < byX.length; i++) {
                double x = set.xValues[i];
                byX[i] = common + Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                dropoutByX[i] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
            }
            // Chunks summed in parallel, then added in a fixed order: the result does not depend on thread timing.
            int chunks = (set.size + CHUNK - 1) / CHUNK;
            double[] partial = new double[chunks];
            java.util.stream.IntStream.range(0, chunks).parallel().forEach(chunk -> {
                double total = 0;
                for (int i = chunk * CHUNK, end = Math.min(set.size, i + CHUNK); i < end; i++) {
                    double rx = r + set.x[i];
                    double alive = -rx * logAlphaT[set.ageIndex[i]];
                    double term = set.x[i] > 0
                            ? ModelChecks.logAddExp(alive, dropoutByX[set.xIndex[i]] - rx * logAlphaTx[set.txIndex[i]])
                            : alive;
                    total += set.weight[i] * (byX[set.xIndex[i]] + term);
                }
                partial[chunk] = total;
            });
            double total = 0;
            for (double value : partial) {
                total += value;
            }
            return total;
        }
    },
    PARETO_NBD(ParetoNbd.NAME, "Pareto/NBD", List.of("r", "alpha", "s", "beta")) {
        @Override
        PurchaseModel create(double[] p) {
            return new ParetoNbd(new ParetoNbd.Params(p[0], p[1], p[2], p[3]));
        }

        @Override
        double logLikelihood(double[] p, PatternSet set) {
            double total = 0;
            for (int i = 0; i < set.size; i++) {
                total += set.weight[i] * ParetoNbd.logLikelihood(p[0], p[1], p[2], p[3], set.x[i], set.tx[i], set.T[i]);
            }
            return total;
        }
    };

    /** Patterns per parallel chunk of a likelihood evaluation. */
    private static final int CHUNK = 32_768;

    private final String cliName;
    private final String label;
    private final List<String> parameterNames;

    ModelType(String cliName, String label, List<String> parameterNames) {
        this.cliName = cliName;
        this.label = label;
        this.parameterNames = parameterNames;
    }

    abstract PurchaseModel create(double[] naturalParameters);

    /** Sum over patterns of customers times log-likelihood. */
    abstract double logLikelihood(double[] naturalParameters, PatternSet patterns);

    public String cliName() {
        return cliName;
    }

    /** The published name, e.g. {@code BG/NBD}. */
    public String label() {
        return label;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    /** Starting values: unit shapes, time scales at the customers' mean age. */
    double[] start(PatternSet patterns) {
        double scale = Math.max(1.0, patterns.meanAge());
        return this == BGNBD ? new double[] {1, scale, 1, 1} : new double[] {1, scale, 1, scale};
    }

    public static ModelType of(String text) {
        for (ModelType type : values()) {
            if (type.cliName.equalsIgnoreCase(text) || type.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return type;
            }
        }
        throw new IllegalArgumentException("model must be bgnbd or pareto-nbd, was: " + text.toLowerCase(Locale.ROOT));
    }
}
