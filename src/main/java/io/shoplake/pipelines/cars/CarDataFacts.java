package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the data itself allows, measured before any model: the class counts, whether the rows enumerate every
 * combination of the six attributes other than {@code class} exactly once (as the UCI file does), and the ceiling:
 * the accuracy of the best possible lookup table from features to target on these very rows (rows with the same
 * features but different targets cap it).
 *
 * @param classCounts rows per target value, in the target's value order (0 for a value that does not occur)
 */
public record CarDataFacts(
        String target, long rows, Map<String, Long> classCounts, boolean fullEnumeration, double ceiling) {

    public CarDataFacts {
        requireNonNull(target, "target is null");
        classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
    }

    /** Measures {@code cars} (silver.cars rows) for predicting {@code target}. */
    public static CarDataFacts of(Dataset<Row> cars, CarAttribute target) {
        Map<String, Long> counts = new LinkedHashMap<>();
        target.values().forEach(v -> counts.put(v, 0L));
        for (Row row : cars.groupBy(col(target.name())).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();

        List<CarAttribute> enumerated = CarAttributes.featuresFor(CarAttributes.CLASS);
        Column[] enumeratedColumns = enumerated.stream().map(a -> col(a.name())).toArray(Column[]::new);
        long combinations =
                enumerated.stream().mapToLong(a -> a.values().size()).reduce(1, (a, b) -> a * b);
        long distinct = cars.agg(countDistinct(
                        enumeratedColumns[0],
                        java.util.Arrays.copyOfRange(enumeratedColumns, 1, enumeratedColumns.length)))
                .first()
                .getLong(0);
        boolean full = rows == combinations && distinct == combinations;

        Column[] features = CarAttributes.featuresFor(target).stream()
                .map(a -> col(a.name()))
                .toArray(Column[]::new);
        Column[] featuresAndTarget = java.util.Arrays.copyOf(features, features.length + 1);
        featuresAndTarget[features.length] = col(target.name());
        Row best = cars.groupBy(featuresAndTarget)
                .agg(count(lit(1)).as("rows"))
                .groupBy(features)
                .agg(max("rows").as("most"))
                .agg(sum("most"))
                .first();
        double ceiling = rows == 0 || best.isNullAt(0) ? 0 : (double) best.getLong(0) / rows;
        return new CarDataFacts(target.name(), rows, counts, full, ceiling);
    }

    /** The share of the most common target value. */
    public double majorityShare() {
        return rows == 0
                ? 0
                : (double) classCounts.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0)
                        / rows;
    }

    /** The smallest class that occurs (stratified folds cannot be more than its rows). */
    public long rarestClassRows() {
        return classCounts.values().stream()
                .filter(c -> c > 0)
                .mapToLong(Long::longValue)
                .min()
                .orElse(0);
    }
}
