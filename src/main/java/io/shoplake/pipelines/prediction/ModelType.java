package io.shoplake.pipelines.prediction;

import java.util.List;
import java.util.Locale;

/** The purchase models one can fit: their names, parameters and the weighted log-likelihood over patterns. */
public enum ModelType {
    BGNBD(BgNbd.NAME, "BG/NBD", List.of("r", "alpha", "a", "b")) {
        @Override
        PurchaseModel create(double[] p) {
            return new BgNbd(new BgNbd.Params(p[0], p[1], p[2], p[3]));
        }

        @Override
        double logLikelihood(double[] p, PatternSet set) {
            return BgNbd.logLikelihood(p, set);
        }
    },
    PARETO_NBD(ParetoNbd.NAME, "Pareto/NBD", List.of("r", "alpha", "s", "beta")) {
        @Override
        PurchaseModel create(double[] p) {
            return new ParetoNbd(new ParetoNbd.Params(p[0], p[1], p[2], p[3]));
        }

        @Override
        double logLikelihood(double[] p, PatternSet set) {
            return ParetoNbd.logLikelihood(p, set);
        }
    };

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
