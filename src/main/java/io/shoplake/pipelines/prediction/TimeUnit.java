package io.shoplake.pipelines.prediction;

import java.util.Locale;

/** The time unit the models work in; parameters (alpha, beta) and t_x, T are reported in it. */
public enum TimeUnit {
    DAYS(1.0),
    WEEKS(7.0);

    private final double days;

    TimeUnit(double days) {
        this.days = days;
    }

    /** Days in one unit. */
    public double days() {
        return days;
    }

    public double fromDays(double value) {
        return value / days;
    }

    public double toDays(double value) {
        return value * days;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimeUnit of(String text) {
        for (TimeUnit unit : values()) {
            if (unit.cliName().equalsIgnoreCase(text)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("unit must be days or weeks, was: " + text);
    }
}
