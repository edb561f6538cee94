package io.shoplake.pipelines.flyers.generator;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Locale;

/**
 * What {@link EventsGenerator} produces.
 *
 * @param events how many events (exactly)
 * @param users distinct users to draw from
 * @param merchants distinct merchants (each with up to 20 flyers)
 * @param seed the same seed gives the same events
 * @param junkRate share of flyer and merchant ids replaced by a junk placeholder (0 to 1)
 * @param days days of events, starting at {@code start}
 * @param start the first local date
 * @param format parquet (silver.events columns, junk ids as nulls) or csv (the app's export format, junk as text)
 */
public record EventsGeneratorSettings(
        long events, int users, int merchants, long seed, double junkRate, int days, LocalDate start, Format format)
        implements java.io.Serializable {

    /** Output formats. */
    public enum Format {
        PARQUET,
        CSV;

        public static Format of(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("format must be parquet or csv, was: " + text);
            }
        }
    }

    public EventsGeneratorSettings {
        requireNonNull(start, "start is null");
        requireNonNull(format, "format is null");
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, was: " + events);
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, was: " + users);
        }
        if (merchants < 1) {
            throw new IllegalArgumentException("merchants must be at least 1, was: " + merchants);
        }
        if (junkRate < 0 || junkRate > 1) {
            throw new IllegalArgumentException("junk-rate must be between 0 and 1, was: " + junkRate);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was: " + days);
        }
    }

    /** Defaults for {@code events}: one user per 50 events, 200 merchants, seed 42, 2% junk, one day, Parquet. */
    public static EventsGeneratorSettings defaults(long events) {
        return new EventsGeneratorSettings(
                events,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, events / 50)),
                200,
                42,
                0.02,
                1,
                LocalDate.of(2018, 10, 1),
                Format.PARQUET);
    }
}
