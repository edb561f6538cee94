package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How "time on a flyer" is measured: which events open a view, what ends it, whom its duration belongs to, and the
 * gap at which a user counts as gone. See docs/flyers.md for the exact semantics.
 *
 * @param viewEvents event types that open a view (default {@code flyer_open, item_open}), in tie-break order
 * @param viewEndsAt what ends a view (default {@link ViewEnd#NEXT_EVENT})
 * @param attributeTo whose flyer and merchant a view's duration belongs to (default {@link Attribution#OPENED})
 * @param maxGap a gap at or above this is not a view (default 30 minutes)
 * @param closeEvent an event type that ends a view and opens none (default: none)
 */
public record MetricSettings(
        List<String> viewEvents,
        ViewEnd viewEndsAt,
        Attribution attributeTo,
        Duration maxGap,
        Optional<String> closeEvent) {

    public static final List<String> DEFAULT_VIEW_EVENTS = List.of("flyer_open", "item_open");
    public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(30);
    public static final MetricSettings DEFAULT = new MetricSettings(
            DEFAULT_VIEW_EVENTS, ViewEnd.NEXT_EVENT, Attribution.OPENED, DEFAULT_MAX_GAP, Optional.empty());

    /** What ends a view. */
    public enum ViewEnd {
        /** The user's next event of any kind. */
        NEXT_EVENT,
        /** The user's next view event (or close event). */
        NEXT_VIEW;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static ViewEnd of(String key) {
            for (ViewEnd value : values()) {
                if (value.key().equals(key)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("view-ends-at must be next-event or next-view, was: " + key);
        }
    }

    /** Whose flyer and merchant a view's duration belongs to. */
    public enum Attribution {
        /** The flyer of the event that opened the view. */
        OPENED,
        /** The flyer of the event that ended the view. */
        NEXT;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Attribution of(String key) {
            for (Attribution value : values()) {
                if (value.key().equals(key)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("attribute-to must be opened or next, was: " + key);
        }
    }

    public MetricSettings {
        requireNonNull(viewEvents, "viewEvents is null");
        requireNonNull(viewEndsAt, "viewEndsAt is null");
        requireNonNull(attributeTo, "attributeTo is null");
        requireNonNull(maxGap, "maxGap is null");
        requireNonNull(closeEvent, "closeEvent is null");
        viewEvents = List.copyOf(new LinkedHashSet<>(viewEvents));
        if (viewEvents.isEmpty()) {
            throw new IllegalArgumentException("view-events must name at least one event type, was empty");
        }
        for (String event : viewEvents) {
            requireEventName("view-events", event);
        }
        closeEvent.ifPresent(event -> requireEventName("close-event", event));
        if (closeEvent.isPresent() && viewEvents.contains(closeEvent.get())) {
            throw new IllegalArgumentException("close-event must not be a view event, was: " + closeEvent.get());
        }
        if (maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("max-gap must be positive, was: " + maxGap);
        }
        if (maxGap.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("max-gap must be at most 24h, was: " + MaxGap.format(maxGap));
        }
    }

    /** Settings from their text forms (config keys and CLI flags); nulls take the defaults. */
    public static MetricSettings parse(
            String viewEvents, String viewEndsAt, String attributeTo, String maxGap, String closeEvent) {
        return new MetricSettings(
                viewEvents == null ? DEFAULT_VIEW_EVENTS : splitEvents(viewEvents),
                viewEndsAt == null ? ViewEnd.NEXT_EVENT : ViewEnd.of(viewEndsAt),
                attributeTo == null ? Attribution.OPENED : Attribution.of(attributeTo),
                maxGap == null ? DEFAULT_MAX_GAP : MaxGap.parse(maxGap),
                closeEvent == null || closeEvent.isBlank() ? Optional.empty() : Optional.of(closeEvent.strip()));
    }

    /** These settings with every non-null text value replacing the current one (CLI flags over config). */
    public MetricSettings overriddenBy(
            String viewEvents, String viewEndsAt, String attributeTo, String maxGap, String closeEvent) {
        return new MetricSettings(
                viewEvents == null ? this.viewEvents : splitEvents(viewEvents),
                viewEndsAt == null ? this.viewEndsAt : ViewEnd.of(viewEndsAt),
                attributeTo == null ? this.attributeTo : Attribution.of(attributeTo),
                maxGap == null ? this.maxGap : MaxGap.parse(maxGap),
                closeEvent == null
                        ? this.closeEvent
                        : closeEvent.isBlank() ? Optional.empty() : Optional.of(closeEvent.strip()));
    }

    /** One line naming every setting, for logs, run records and reports. */
    public String describe() {
        return "view-events=" + String.join(",", viewEvents) + " view-ends-at=" + viewEndsAt.key()
                + " attribute-to=" + attributeTo.key() + " max-gap=" + MaxGap.format(maxGap)
                + " close-event=" + closeEvent.orElse("none");
    }

    private static List<String> splitEvents(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static void requireEventName(String key, String event) {
        if (!event.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException(key + " must be lower-case snake_case event names, was: " + event);
        }
    }
}
