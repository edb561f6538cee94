package io.shoplake.pipelines.cars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a comparison's figures mean, in plain words and from the figures themselves: chance level, what the data
 * allows (enumeration, ceiling), the best model against the baseline and the fold-to-fold spread, and which
 * models' log loss is worse than a uniform guess.
 */
final class ComparisonNotes {

    private ComparisonNotes() {}

    static List<String> of(
            CarAttribute target,
            CarDataFacts facts,
            List<ModelComparison.ModelResult> results,
            ModelComparison.ModelResult best) {
        List<String> notes = new ArrayList<>();
        int classes =
                (int) facts.classCounts().values().stream().filter(c -> c > 0).count();
        double uniform = Math.log(classes);
        notes.add(String.format(
                Locale.ROOT,
                "Chance: %d %s values; always answering the most common one is right for %.1f%% of rows; a uniform"
                        + " guess has log loss ln %d = %.3f.",
                classes,
                target.name(),
                100 * facts.majorityShare(),
                classes,
                uniform));
        List<String> others = CarAttributes.featuresFor(target).stream()
                .map(CarAttribute::name)
                .filter(n -> !n.equals(CarAttributes.CLASS.name()))
                .toList();
        if (facts.fullEnumeration() && !target.equals(CarAttributes.CLASS)) {
            notes.add("The data: the rows enumerate every combination of "
                    + String.join(
                            ", ",
                            CarAttributes.featuresFor(CarAttributes.CLASS).stream()
                                    .map(CarAttribute::name)
                                    .toList())
                    + " exactly once, so " + target.name() + " is independent of " + String.join(", ", others)
                    + " taken together: each of their combinations occurs once with every " + target.name()
                    + " value. Only class, which the data set's authors derived from these attributes, carries"
                    + " information about " + target.name() + ", so no model should be expected far above chance.");
        } else if (facts.fullEnumeration()) {
            notes.add("The data: class is a fixed function of the six other attributes (the data set's authors"
                    + " derived it by rule, and every combination occurs exactly once), so a model can in principle be"
                    + " right for every row.");
        } else {
            notes.add("The data: the rows do not enumerate every combination of the six attributes exactly once, so"
                    + " these notes rest on the figures alone.");
        }
        notes.add(String.format(
                Locale.ROOT,
                "Ceiling: even a lookup table of these very rows, answering the most common %s value for each"
                        + " combination of the other attributes, is right for %.1f%% of rows%s.",
                target.name(),
                100 * facts.ceiling(),
                facts.ceiling() < 1 ? "; rows that agree on every other attribute differ in " + target.name() : ""));
        Optional<ModelComparison.ModelResult> baseline = results.stream()
                .filter(r -> r.model().equals(ModelKind.MAJORITY.label()))
                .findFirst();
        double reference = baseline.map(b -> b.accuracy().mean()).orElse(facts.majorityShare());
        double gain = best.accuracy().mean() - reference;
        notes.add(String.format(
                Locale.ROOT,
                "Best: %s (highest mean macro F1, %.3f): accuracy %.3f ± %.3f against %.3f for the majority"
                        + " baseline, %+.1f points; %s",
                best.model(),
                best.macroF1().mean(),
                best.accuracy().mean(),
                best.accuracy().sd(),
                reference,
                100 * gain,
                Math.abs(gain) <= 2 * best.accuracy().sd()
                        ? "that is within two fold-to-fold standard deviations, so not a reliable improvement."
                        : "more than two fold-to-fold standard deviations."));
        List<String> worse = results.stream()
                .filter(r -> r.logLoss().mean() > uniform)
                .map(r -> String.format(
                        Locale.ROOT, "%s (%.3f)", r.model(), r.logLoss().mean()))
                .collect(Collectors.toList());
        if (!worse.isEmpty()) {
            notes.add(String.format(
                    Locale.ROOT,
                    "Log loss above ln %d = %.3f is worse than a uniform guess: %s. Such a model gives the actual"
                            + " class a probability near 0 on some held-out rows (a tree leaf that never saw it),"
                            + " and each such row costs up to -ln 1e-15 = 34.5.",
                    classes,
                    uniform,
                    String.join(", ", worse)));
        }
        notes.add("± is the standard deviation over the held-out folds: differences smaller than it are not evidence"
                + " that one model is better than another.");
        return List.copyOf(notes);
    }
}
