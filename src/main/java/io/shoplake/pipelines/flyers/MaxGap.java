package io.shoplake.pipelines.flyers;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations settings are written in: {@code 7600s}, {@code 30m}, {@code 2h}. */
public final class MaxGap {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})([smh])");

    private MaxGap() {}

    /** Parses {@code <whole number><s|m|h>}; the result must be positive. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("duration is null");
        }
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "duration must be a whole number followed by s, m or h (e.g. 7600s, 30m, 2h), was: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was: " + text);
        }
        return duration;
    }

    /** The shortest exact form: {@code 2h}, {@code 30m}, {@code 7600s}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
