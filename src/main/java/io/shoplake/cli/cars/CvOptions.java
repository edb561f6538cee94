package io.shoplake.cli.cars;

import io.shoplake.cli.common.UsageException;
import picocli.CommandLine.Option;

/** {@code --folds} and {@code --seed}: how the ml commands cross-validate. */
public final class CvOptions {

    @Option(
            names = "--folds",
            defaultValue = "5",
            paramLabel = "K",
            description = "Stratified cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the fold shuffle and the randomised models; same seed, same figures"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    public int folds() {
        if (folds < 2) {
            throw new UsageException("--folds must be at least 2, was: " + folds);
        }
        return folds;
    }

    public long seed() {
        return seed;
    }
}
