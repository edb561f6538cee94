package io.shoplake.pipelines.flyers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code flyer-engagement:} section of {@code shoplake.yaml} (docs/flyers.md); each key is also a CLI flag of the
 * same name.
 *
 * @param viewEvents comma-separated event types that open a view (default {@code flyer_open,item_open})
 * @param viewEndsAt {@code next-event} (default) or {@code next-view}
 * @param attributeTo {@code opened} (default) or {@code next}
 * @param maxGap a gap at or above this is not a view, e.g. {@code 7600s}, {@code 30m} (default), {@code 2h}
 * @param closeEvent an event type that ends a view (default: none)
 */
public record FlyerEngagementConfig(
        @JsonProperty("view-events") String viewEvents,
        @JsonProperty("view-ends-at") String viewEndsAt,
        @JsonProperty("attribute-to") String attributeTo,
        @JsonProperty("max-gap") String maxGap,
        @JsonProperty("close-event") String closeEvent) {

    /** The section's key in {@code shoplake.yaml}. */
    public static final String KEY = "flyer-engagement";

    public static final FlyerEngagementConfig DEFAULT = new FlyerEngagementConfig(null, null, null, null, null);

    public FlyerEngagementConfig {
        viewEvents = viewEvents == null ? "flyer_open,item_open" : viewEvents;
        viewEndsAt = viewEndsAt == null ? "next-event" : viewEndsAt;
        attributeTo = attributeTo == null ? "opened" : attributeTo;
        maxGap = maxGap == null ? "30m" : maxGap;
        // Validated once here so a bad file fails at load with the key's rule and value.
        MetricSettings.parse(viewEvents, viewEndsAt, attributeTo, maxGap, closeEvent);
    }

    public MetricSettings settings() {
        return MetricSettings.parse(viewEvents, viewEndsAt, attributeTo, maxGap, closeEvent);
    }
}
