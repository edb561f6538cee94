package io.shoplake.pipelines.orders.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.hipparchus.random.RandomDataGenerator;

/**
 * When customers buy: a BG/NBD-like model. Each customer buys at their own Poisson rate (gamma distributed across
 * customers) while active and becomes inactive after any purchase with their own dropout probability (beta
 * distributed). The rate is modulated by weekday (thinning), and the time of day follows an hour-of-day profile.
 * Times are in days since the start date; the fraction of a day maps monotonically onto the hour profile, so
 * events in time order are also in clock order.
 */
final class PurchaseModel {

    /** Gamma shape of the purchase rate across customers (heterogeneity: smaller is more spread). */
    static final double RATE_SHAPE = 1.5;
    /** Mean purchase rate while active: one order per 20 days. */
    static final double MEAN_RATE_PER_DAY = 1.0 / 20;
    /** Beta(a, b) of the dropout probability after a purchase: mean a / (a + b) = 0.2. */
    static final double DROPOUT_A = 1.0;

    static final double DROPOUT_B = 4.0;

    /** Relative order volume Monday..Sunday: a Friday peak and a quiet Sunday. */
    static final double[] WEEKDAY_WEIGHTS = {1.0, 1.05, 1.0, 1.1, 1.25, 0.85, 0.65};
    /** Relative order volume by hour 0..23: a lunchtime and an evening peak. */
    static final double[] HOUR_WEIGHTS = {
        0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.1, 1.3, 1.4, 1.5, 1.4, 1.2, 1.1, 1.1, 1.2, 1.4, 1.6, 1.7, 1.4,
        0.9, 0.5
    };

    private final RandomDataGenerator random;
    private final int days;
    private final int startWeekday;
    private final double maxWeekdayWeight;
    private final double[] hourStart = new double[25];

    PurchaseModel(RandomDataGenerator random, LocalDate start, int days) {
        this.random = random;
        this.days = days;
        this.startWeekday = start.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        double max = 0;
        for (double weight : WEEKDAY_WEIGHTS) {
            max = Math.max(max, weight);
        }
        this.maxWeekdayWeight = max;
        double total = 0;
        for (double weight : HOUR_WEIGHTS) {
            total += weight;
        }
        for (int hour = 0; hour < 24; hour++) {
            hourStart[hour + 1] = hourStart[hour] + HOUR_WEIGHTS[hour] / total;
        }
        hourStart[24] = 1.0;
    }

    /** A customer's purchase rate per day while active. */
    double drawRate() {
        return random.nextGamma(RATE_SHAPE, MEAN_RATE_PER_DAY / RATE_SHAPE);
    }

    /** A customer's probability of becoming inactive after a purchase. */
    double drawDropout() {
        return random.nextBeta(DROPOUT_A, DROPOUT_B);
    }

    /** The first purchase: a uniformly random day in the period, accepted by its weekday weight. */
    double drawFirstPurchase() {
        while (true) {
            double time = random.nextDouble() * days;
            if (acceptWeekday(time)) {
                return time;
            }
        }
    }

    /** The next purchase after {@code time} at {@code rate}, or NaN when it falls after the period. */
    double drawNextPurchase(double time, double rate) {
        double mean = 1.0 / (rate * maxWeekdayWeight);
        while (true) {
            time += random.nextExponential(mean);
            if (time >= days) {
                return Double.NaN;
            }
            if (acceptWeekday(time)) {
                return time;
            }
        }
    }

    /** Seconds after midnight for the fraction of a day, following the hour profile (monotonic in the fraction). */
    int secondOfDay(double time) {
        double fraction = time - Math.floor(time);
        int hour = 0;
        while (hour < 23 && hourStart[hour + 1] <= fraction) {
            hour++;
        }
        double within = (fraction - hourStart[hour]) / (hourStart[hour + 1] - hourStart[hour]);
        return hour * 3600 + Math.min(3599, (int) (within * 3600));
    }

    private boolean acceptWeekday(double time) {
        int weekday = (startWeekday + (int) time) % 7;
        return random.nextDouble() * maxWeekdayWeight < WEEKDAY_WEIGHTS[weekday];
    }
}
