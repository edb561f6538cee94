package io.shoplake.pipelines.customers360.generator;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What {@code generate customers-json} writes: one day's export of {@code customers} customers, deterministic for
 * {@code seed} and {@code day}.
 *
 * @param defectRate share of customers given one defect (0 to 0.5)
 * @param truncated cut the file off in the middle of a record, as an interrupted export would be
 */
public record CustomersJsonSettings(int customers, LocalDate day, long seed, double defectRate, boolean truncated) {

    /** The first day the generator knows: customer ids and histories are laid out from it. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

    public CustomersJsonSettings {
        requireNonNull(day, "day is null");
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was: " + customers);
        }
        if (day.isBefore(FIRST_DAY)) {
            throw new IllegalArgumentException("day must be on or after " + FIRST_DAY + ", was: " + day);
        }
        if (!(defectRate >= 0 && defectRate <= 0.5)) {
            throw new IllegalArgumentException("defect rate must be between 0 and 0.5, was: " + defectRate);
        }
    }

    /** The file name ingest reads the day from: {@code customers-YYYY-MM-DD.json}. */
    public String fileName() {
        return "customers-" + day + ".json";
    }
}
