package io.shoplake.cli.prediction;

import io.shoplake.cli.common.UsageException;
import io.shoplake.pipelines.prediction.BuyerListRule;
import picocli.CommandLine.Option;

/** {@code --min-probability P | --top K}: who makes the buyer list (exclusive; default P = 0.5). */
public final class BuyerListOptions {

    @Option(
            names = "--min-probability",
            paramLabel = "P",
            description = "Buyer list: customers with P(order within the horizon) >= P (default: 0.5).")
    Double minProbability;

    @Option(names = "--top", paramLabel = "K", description = "Buyer list: the K customers most likely to order.")
    Integer top;

    static BuyerListRule rule(BuyerListOptions options) {
        if (options == null) {
            return BuyerListRule.atLeast(BuyerListRule.DEFAULT_MIN_PROBABILITY);
        }
        if (options.top != null) {
            if (options.top < 1) {
                throw new UsageException("--top must be at least 1, was: " + options.top);
            }
            return BuyerListRule.top(options.top);
        }
        double p = options.minProbability == null ? BuyerListRule.DEFAULT_MIN_PROBABILITY : options.minProbability;
        if (!(p >= 0 && p <= 1)) {
            throw new UsageException("--min-probability must be between 0 and 1, was: " + p);
        }
        return BuyerListRule.atLeast(p);
    }
}
