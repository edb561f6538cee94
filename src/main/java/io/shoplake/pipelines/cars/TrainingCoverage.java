package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which feature values a model's training rows hold together: the distinct combinations of the features with
 * their row counts (bounded by the product of the attributes' value counts, 1,728 for cars). A query is inside the
 * data when each of its values, each pair of them and their whole combination occur in some training row.
 */
public record TrainingCoverage(List<String> features, List<Combination> combinations) {

    /** One distinct combination of feature values (in {@link #features()} order) and its training rows. */
    public record Combination(List<String> values, long rows) {
        public Combination {
            values = List.copyOf(values);
        }
    }

    /**
     * Values of a query that the training rows never hold together: a single value never seen, a pair of values
     * (each seen) never seen together, or the query's whole combination (when each pair was seen).
     */
    public record Unseen(Map<String, String> values) {
        public Unseen {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** e.g. {@code maint=high and class=good}. */
        public String describe() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(" and ", parts);
        }
    }

    public TrainingCoverage {
        features = List.copyOf(features);
        combinations = List.copyOf(combinations);
        for (Combination combination : combinations) {
            if (combination.values().size() != features.size()) {
                throw new IllegalArgumentException(
                        "a combination must have " + features.size() + " values, was: " + combination.values());
            }
        }
    }

    /** Training rows whose features hold every value of {@code query} (feature name to value; others any). */
    public long rows(Map<String, String> query) {
        int[] indexes = new int[query.size()];
        String[] values = new String[query.size()];
        int next = 0;
        for (Map.Entry<String, String> entry : query.entrySet()) {
            indexes[next] = features.indexOf(entry.getKey());
            if (indexes[next] < 0) {
                throw new IllegalArgumentException("not a feature of this model: " + entry.getKey() + " (features: "
                        + String.join(", ", features) + ")");
            }
            values[next++] = entry.getValue();
        }
        long rows = 0;
        for (Combination combination : combinations) {
            boolean matches = true;
            for (int i = 0; i < indexes.length && matches; i++) {
                matches = combination.values().get(indexes[i]).equals(values[i]);
            }
            if (matches) {
                rows += combination.rows();
            }
        }
        return rows;
    }

    /**
     * What of {@code query} the training rows never hold: unseen single values, then unseen pairs of seen values (in
     * query order), then the whole combination when it is unseen although every pair was seen. Empty: the query is
     * inside the training data.
     */
    public List<Unseen> unseen(Map<String, String> query) {
        requireNonNull(query, "query is null");
        List<Map.Entry<String, String>> entries = new ArrayList<>(query.entrySet());
        List<Unseen> unseen = new ArrayList<>();
        List<String> unseenSingles = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries) {
            if (rows(Map.of(entry.getKey(), entry.getValue())) == 0) {
                unseen.add(new Unseen(Map.of(entry.getKey(), entry.getValue())));
                unseenSingles.add(entry.getKey());
            }
        }
        boolean pairMissing = false;
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                if (unseenSingles.contains(entries.get(i).getKey())
                        || unseenSingles.contains(entries.get(j).getKey())) {
                    continue;
                }
                Map<String, String> pair = new LinkedHashMap<>();
                pair.put(entries.get(i).getKey(), entries.get(i).getValue());
                pair.put(entries.get(j).getKey(), entries.get(j).getValue());
                if (rows(pair) == 0) {
                    unseen.add(new Unseen(pair));
                    pairMissing = true;
                }
            }
        }
        if (unseen.isEmpty() && !pairMissing && entries.size() > 2 && rows(query) == 0) {
            unseen.add(new Unseen(query));
        }
        return List.copyOf(unseen);
    }
}
