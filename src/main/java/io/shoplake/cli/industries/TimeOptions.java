package io.shoplake.cli.industries;

import io.shoplake.pipelines.industries.OrderMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Parses the industries commands' instants and durations (usage errors state the rule and the bad value). */
final class TimeOptions {

    private TimeOptions() {}

    /** An ISO date-time; without an offset it is UTC. */
    static Instant instant(String option, String text) {
        return OrderMessages.instant(text)
                .orElseThrow(() -> new IllegalArgumentException(option
                        + " must be a date and time such as 2023-03-20T23:58:19 or 2023-03-20T23:58:19+01:00, was: "
                        + text));
    }

    /** A duration such as 500ms, 10s, 5m, 2h. */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    option + " must be a duration such as 500ms, 10s, 5m or 2h, was: " + text);
        }
    }
}
