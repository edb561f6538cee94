package io.shoplake.pipelines.prediction;

import java.util.List;
import java.util.TreeMap;

/**
 * The compressed fitting data: distinct (x, t_x, T) in the model's unit with customer counts, plus indexes into the
 * distinct x, t_x and T values so a likelihood evaluation computes each log and log-gamma once per distinct value.
 */
public final class PatternSet {

    final int size;
    final double[] x;
    final double[] tx;
    final double[] T;
    final double[] weight;
    final double[] xValues;
    final double[] txValues;
    final double[] ageValues;
    final int[] xIndex;
    final int[] txIndex;
    final int[] ageIndex;
    private final long customers;
    private final long repeatCustomers;
    private final TimeUnit unit;

    private PatternSet(List<PurchasePattern> patterns, TimeUnit unit) {
        this.unit = unit;
        size = patterns.size();
        x = new double[size];
        tx = new double[size];
        T = new double[size];
        weight = new double[size];
        long total = 0;
        long repeat = 0;
        TreeMap<Long, Integer> xs = new TreeMap<>();
        TreeMap<Long, Integer> txs = new TreeMap<>();
        TreeMap<Long, Integer> ages = new TreeMap<>();
        for (PurchasePattern pattern : patterns) {
            xs.put(pattern.x(), 0);
            txs.put(pattern.recencyDays(), 0);
            ages.put(pattern.ageDays(), 0);
        }
        xValues = number(xs, 1.0);
        txValues = number(txs, unit.days());
        ageValues = number(ages, unit.days());
        xIndex = new int[size];
        txIndex = new int[size];
        ageIndex = new int[size];
        for (int i = 0; i < size; i++) {
            PurchasePattern pattern = patterns.get(i);
            x[i] = pattern.x();
            tx[i] = unit.fromDays(pattern.recencyDays());
            T[i] = unit.fromDays(pattern.ageDays());
            weight[i] = pattern.customers();
            xIndex[i] = xs.get(pattern.x());
            txIndex[i] = txs.get(pattern.recencyDays());
            ageIndex[i] = ages.get(pattern.ageDays());
            total += pattern.customers();
            if (pattern.x() > 0) {
                repeat += pattern.customers();
            }
        }
        customers = total;
        repeatCustomers = repeat;
    }

    private static double[] number(TreeMap<Long, Integer> values, double daysPerUnit) {
        double[] numbers = new double[values.size()];
        int i = 0;
        for (var entry : values.entrySet()) {
            entry.setValue(i);
            numbers[i++] = entry.getKey() / daysPerUnit;
        }
        return numbers;
    }

    public static PatternSet of(List<PurchasePattern> patterns, TimeUnit unit) {
        return new PatternSet(List.copyOf(patterns), java.util.Objects.requireNonNull(unit, "unit is null"));
    }

    /**
     * The patterns with recency and age rounded to multiples of {@code days} (recency capped at age), merged: an
     * approximation whose optimum lies near the exact one, used to start the search.
     */
    PatternSet coarsened(int days) {
        java.util.Map<java.util.List<Long>, Long> merged = new java.util.HashMap<>();
        for (int i = 0; i < size; i++) {
            long age = Math.round(unit.toDays(T[i]) / days) * days;
            long recency = x[i] == 0 ? 0 : Math.min(age, Math.round(unit.toDays(tx[i]) / days) * days);
            merged.merge(java.util.List.of((long) x[i], recency, age), (long) weight[i], Long::sum);
        }
        List<PurchasePattern> patterns = new java.util.ArrayList<>();
        merged.forEach((key, count) -> patterns.add(new PurchasePattern(key.get(0), key.get(1), key.get(2), count)));
        return new PatternSet(patterns, unit);
    }

    public int size() {
        return size;
    }

    public TimeUnit unit() {
        return unit;
    }

    public long customers() {
        return customers;
    }

    public long repeatCustomers() {
        return repeatCustomers;
    }

    /** Customer-weighted mean of T, a scale for starting values. */
    double meanAge() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += weight[i] * T[i];
        }
        return customers == 0 ? 0 : sum / customers;
    }

    @Override
    public String toString() {
        return "PatternSet[" + size + " patterns, " + customers + " customers, x up to "
                + (xValues.length == 0 ? 0 : xValues[xValues.length - 1]) + "]";
    }
}
