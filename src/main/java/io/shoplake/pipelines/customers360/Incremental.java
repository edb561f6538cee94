package io.shoplake.pipelines.customers360;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a daily load has to write: the rows of a day that are new or differ from the table. Writing only those (by
 * MERGE) is what makes day D+1 touch only what changed, and a re-run of a day write nothing.
 */
final class Incremental {

    static final String FIRST_SEEN = "first_seen_day";
    static final String UPDATED = "updated_day";

    private Incremental() {}

    /** Rows of {@code source} whose key is not in {@code target} or whose other columns differ (null-safe). */
    static Dataset<Row> changed(Dataset<Row> source, Optional<Dataset<Row>> target, List<String> keys) {
        if (target.isEmpty()) {
            return source;
        }
        List<String> columns = Arrays.asList(source.columns());
        Dataset<Row> t = prefixed(target.get(), columns);
        Column same = lit(true);
        for (String column : columns) {
            same = same.and(source.col(column).eqNullSafe(t.col("_t_" + column)));
        }
        return source.join(t, same, "left_anti");
    }

    /**
     * As {@link #changed}, for a silver table that records when each key was first seen and last changed: the
     * changed rows get {@value #FIRST_SEEN} (kept from the table) and {@value #UPDATED} = {@code day}. A key the table
     * changed on a later day is left alone, so re-running an older day does not undo a newer one.
     */
    static Dataset<Row> stamped(Dataset<Row> source, Optional<Dataset<Row>> target, List<String> keys, LocalDate day) {
        Date today = Date.valueOf(day);
        if (target.isEmpty()) {
            return source.withColumn(FIRST_SEEN, lit(today)).withColumn(UPDATED, lit(today));
        }
        List<String> columns = Arrays.asList(source.columns());
        List<String> kept = new ArrayList<>(columns);
        kept.add(FIRST_SEEN);
        kept.add(UPDATED);
        Dataset<Row> t = prefixed(target.get(), kept);
        Column sameKey = lit(true);
        for (String key : keys) {
            sameKey = sameKey.and(source.col(key).equalTo(t.col("_t_" + key)));
        }
        Column same = col("_t_" + keys.get(0)).isNotNull();
        for (String column : columns) {
            same = same.and(source.col(column).eqNullSafe(t.col("_t_" + column)));
        }
        Column newer = coalesce(t.col("_t_" + UPDATED).gt(lit(today)), lit(false));
        Column[] out = new Column[columns.size() + 2];
        for (int i = 0; i < columns.size(); i++) {
            out[i] = source.col(columns.get(i));
        }
        out[columns.size()] = coalesce(t.col("_t_" + FIRST_SEEN), lit(today)).as(FIRST_SEEN);
        out[columns.size() + 1] = lit(today).as(UPDATED);
        return source.join(t, sameKey, "left")
                .where(org.apache.spark.sql.functions.not(same).and(org.apache.spark.sql.functions.not(newer)))
                .select(out);
    }

    private static Dataset<Row> prefixed(Dataset<Row> target, List<String> columns) {
        return target.select(columns.stream().map(c -> col(c).as("_t_" + c)).toArray(Column[]::new));
    }
}
