package io.shoplake.pipelines.industries.generator;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What to generate: orders on each day from {@code from} to {@code to} (inclusive), a uniform number per day and of
 * lines per order, a share of orders with a defect and a share of timestamps written with a UTC offset.
 */
public record OrdersGeneratorSettings(
        LocalDate from,
        LocalDate to,
        long seed,
        int minOrdersPerDay,
        int maxOrdersPerDay,
        int minLines,
        int maxLines,
        double defectRate,
        double offsetShare) {

    public OrdersGeneratorSettings {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to must not be before --from, was: " + from + " .. " + to);
        }
        if (minOrdersPerDay < 0 || maxOrdersPerDay < minOrdersPerDay) {
            throw new IllegalArgumentException(
                    "orders per day must be 0 <= min <= max, was: " + minOrdersPerDay + ".." + maxOrdersPerDay);
        }
        if (minLines < 1 || maxLines < minLines) {
            throw new IllegalArgumentException(
                    "lines per order must be 1 <= min <= max, was: " + minLines + ".." + maxLines);
        }
        if (defectRate < 0 || defectRate > 1) {
            throw new IllegalArgumentException("defect rate must be between 0 and 1, was: " + defectRate);
        }
        if (offsetShare < 0 || offsetShare > 1) {
            throw new IllegalArgumentException("offset share must be between 0 and 1, was: " + offsetShare);
        }
    }

    /** The brief's shape: 100-200 orders a day, 1-100 lines each, no defects, a tenth of timestamps with an offset. */
    public static OrdersGeneratorSettings of(LocalDate from, LocalDate to, long seed) {
        return new OrdersGeneratorSettings(from, to, seed, 100, 200, 1, 100, 0.0, 0.1);
    }

    public OrdersGeneratorSettings withDefectRate(double rate) {
        return new OrdersGeneratorSettings(
                from, to, seed, minOrdersPerDay, maxOrdersPerDay, minLines, maxLines, rate, offsetShare);
    }

    public OrdersGeneratorSettings withOrdersPerDay(int min, int max) {
        return new OrdersGeneratorSettings(from, to, seed, min, max, minLines, maxLines, defectRate, offsetShare);
    }

    public OrdersGeneratorSettings withLines(int min, int max) {
        return new OrdersGeneratorSettings(
                from, to, seed, minOrdersPerDay, maxOrdersPerDay, min, max, defectRate, offsetShare);
    }
}
