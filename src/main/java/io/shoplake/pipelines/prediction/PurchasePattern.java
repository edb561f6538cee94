package io.shoplake.pipelines.prediction;

/**
 * One distinct customer history shape and how many customers share it: x repeat purchase occasions, the last
 * {@code recencyDays} after the first, observed for {@code ageDays} (first purchase to as-of).
 */
public record PurchasePattern(long x, long recencyDays, long ageDays, long customers) {

    public PurchasePattern {
        if (x < 0 || recencyDays < 0 || ageDays < recencyDays || customers < 1) {
            throw new IllegalArgumentException("pattern needs x >= 0, 0 <= recency <= age and customers >= 1, was: x="
                    + x + ", recency=" + recencyDays + ", age=" + ageDays + ", customers=" + customers);
        }
        if (x == 0 && recencyDays != 0) {
            throw new IllegalArgumentException(
                    "a customer without repeat purchases has recency 0, was: " + recencyDays);
        }
    }
}
