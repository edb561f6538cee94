package io.shoplake.cli.flyers;

import io.shoplake.cli.common.UsageException;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.pipelines.flyers.FlyerEngagementConfig;
import io.shoplake.pipelines.flyers.MetricSettings;
import picocli.CommandLine.Option;

/** The flyer engagement metric flags; each overrides the {@code flyer-engagement:} config key of the same name. */
public final class MetricOptions {

    @Option(
            names = "--view-events",
            paramLabel = "E1,E2",
            description = "Event types that open a view (default: flyer_open,item_open).")
    String viewEvents;

    @Option(
            names = "--view-ends-at",
            paramLabel = "next-event|next-view",
            description = "What ends a view: the next event of any kind (default) or the next view event.")
    String viewEndsAt;

    @Option(
            names = "--attribute-to",
            paramLabel = "opened|next",
            description = "Whose flyer a view's time belongs to: the opened one (default) or the one that ends it.")
    String attributeTo;

    @Option(
            names = "--max-gap",
            paramLabel = "DURATION",
            description = "A gap at or above this is not a view, e.g. 7600s, 30m, 2h (default: 30m).")
    String maxGap;

    @Option(
            names = "--close-event",
            paramLabel = "EVENT",
            description = "An event type that ends a view, e.g. flyer_close (default: none).")
    String closeEvent;

    /** Config values with these flags on top; a bad value is a usage error naming the rule. */
    public MetricSettings settings(ShoplakeConfig config) {
        try {
            return config.section(FlyerEngagementConfig.KEY, FlyerEngagementConfig.class)
                    .settings()
                    .overriddenBy(viewEvents, viewEndsAt, attributeTo, maxGap, closeEvent);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
