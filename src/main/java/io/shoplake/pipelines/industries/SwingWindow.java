package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The two periods a swing compares, both ending at {@code asOf}: the window W = (asOf − windowHours, asOf] and the
 * baseline = the {@code baselineDays} days of 24 h just before W, (W start − baselineDays × 24 h, W start].
 */
public record SwingWindow(Instant asOf, int windowHours, int baselineDays) {

    public static final int DEFAULT_WINDOW_HOURS = 24;
    public static final int DEFAULT_BASELINE_DAYS = 30;

    public SwingWindow {
        requireNonNull(asOf, "asOf is null");
        if (windowHours < 1) {
            throw new IllegalArgumentException("window hours must be at least 1, was: " + windowHours);
        }
        if (baselineDays < 1) {
            throw new IllegalArgumentException("baseline days must be at least 1, was: " + baselineDays);
        }
    }

    public static SwingWindow of(Instant asOf) {
        return new SwingWindow(asOf, DEFAULT_WINDOW_HOURS, DEFAULT_BASELINE_DAYS);
    }

    /** The (exclusive) start of the window, which is the (inclusive) end of the baseline. */
    public Instant windowStart() {
        return asOf.minus(Duration.ofHours(windowHours));
    }

    /** The (exclusive) start of the baseline. */
    public Instant baselineStart() {
        return windowStart().minus(Duration.ofDays(baselineDays));
    }
}
