package io.shoplake.pipelines.cars;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Stratified k-fold assignment: within each class the rows are shuffled by a seeded hash of their values and dealt
 * to folds 0, 1, ..., k-1, 0, 1, ... in turn, so every fold holds each class's rows to within one row and every
 * row is in exactly one fold. The order depends only on the seed and the row's values (identical rows are
 * interchangeable), never on partitioning or on a random generator's state, so the folds are the same every run.
 */
public final class StratifiedFolds {

    /** The fold column: 0 .. k-1. */
    public static final String FOLD = "fold";

    private StratifiedFolds() {}

    /** {@code rows} with {@link #FOLD} added; {@code labelColumn} is what the folds are stratified by. */
    public static Dataset<Row> assign(Dataset<Row> rows, String labelColumn, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, was: " + folds);
        }
        Column[] values =
                Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Column[] hashed = new Column[values.length + 1];
        hashed[0] = lit(seed);
        System.arraycopy(values, 0, hashed, 1, values.length);
        Column order = xxhash64(hashed);
        // The values break ties between hashes, so even a hash collision orders the same way every run.
        Column[] ordering = new Column[values.length + 1];
        ordering[0] = order;
        System.arraycopy(values, 0, ordering, 1, values.length);
        Column position = row_number().over(Window.partitionBy(col(labelColumn)).orderBy(ordering));
        return rows.withColumn(FOLD, pmod(position.minus(1), lit(folds)).cast("int"));
    }
}
