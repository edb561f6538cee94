package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of rows by actual class (row) and predicted class (column), both in {@code classes} order; and the
 * accuracy and macro F1 they give.
 */
public record ConfusionMatrix(List<String> classes, List<List<Long>> counts) {

    public ConfusionMatrix {
        classes = List.copyOf(requireNonNull(classes, "classes is null"));
        counts = requireNonNull(counts, "counts is null").stream()
                .map(List::copyOf)
                .toList();
        int size = classes.size();
        if (counts.size() != size || counts.stream().anyMatch(row -> row.size() != size)) {
            throw new IllegalArgumentException("counts must be " + size + " x " + size + ", was: " + counts);
        }
    }

    /** An all-zero matrix over {@code classes}. */
    public static ConfusionMatrix empty(List<String> classes) {
        List<List<Long>> zeros = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            zeros.add(new ArrayList<>(java.util.Collections.nCopies(classes.size(), 0L)));
        }
        return new ConfusionMatrix(classes, zeros);
    }

    /** This matrix with {@code rows} more rows of actual class {@code actual} predicted as {@code predicted}. */
    public ConfusionMatrix plus(int actual, int predicted, long rows) {
        List<List<Long>> next = new ArrayList<>();
        for (List<Long> row : counts) {
            next.add(new ArrayList<>(row));
        }
        next.get(actual).set(predicted, next.get(actual).get(predicted) + rows);
        return new ConfusionMatrix(classes, next);
    }

    /** Cell by cell sum (e.g. over the folds of a cross-validation). */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (!classes.equals(other.classes)) {
            throw new IllegalArgumentException("classes differ: " + classes + " and " + other.classes);
        }
        ConfusionMatrix sum = this;
        for (int a = 0; a < classes.size(); a++) {
            for (int p = 0; p < classes.size(); p++) {
                sum = sum.plus(a, p, other.counts.get(a).get(p));
            }
        }
        return sum;
    }

    public long total() {
        return counts.stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
    }

    /** Share of rows whose predicted class is the actual one. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < classes.size(); i++) {
            correct += counts.get(i).get(i);
        }
        return (double) correct / total();
    }

    /**
     * The unweighted mean of F1 = 2 TP / (2 TP + FP + FN) over the classes that occur (as actual or as predicted
     * class); a class that occurs but is never predicted right scores 0, so a model that ignores a class is not
     * rewarded for it.
     */
    public double macroF1() {
        double sum = 0;
        int occurring = 0;
        for (int c = 0; c < classes.size(); c++) {
            long truePositives = counts.get(c).get(c);
            long actual = counts.get(c).stream().mapToLong(Long::longValue).sum();
            long predicted = 0;
            for (List<Long> row : counts) {
                predicted += row.get(c);
            }
            if (actual + predicted > 0) {
                occurring++;
                sum += 2.0 * truePositives / (actual + predicted);
            }
        }
        return occurring == 0 ? 0 : sum / occurring;
    }
}
