package io.shoplake.pipelines.cars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Folds hold each class to within one row, every row is in exactly one fold, and the seed fixes the deal. */
class StratifiedFoldsTest {

    @Test
    void foldsAreStratifiedDisjointAndDeterministic() {
        // 23 rows: x 10, y 7, z 6. Three folds: x 4/3/3, y 3/2/2, z 2/2/2.
        List<Row> rows = new ArrayList<>();
        for (int id = 0; id < 23; id++) {
            rows.add(RowFactory.create(id, id < 10 ? "x" : id < 17 ? "y" : "z"));
        }
        Dataset<Row> data = TestSpark.spark()
                .createDataFrame(
                        rows, new StructType().add("id", DataTypes.IntegerType).add("label", DataTypes.StringType));

        Map<Integer, Integer> first = folds(StratifiedFolds.assign(data, "label", 3, 7));

        assertThat(first).hasSize(23);
        assertThat(first.keySet())
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 23).boxed().toList());
        assertThat(sizes(first, 0, 10)).containsExactly(4, 3, 3);
        assertThat(sizes(first, 10, 17)).containsExactly(3, 2, 2);
        assertThat(sizes(first, 17, 23)).containsExactly(2, 2, 2);
        assertThat(folds(StratifiedFolds.assign(data, "label", 3, 7))).isEqualTo(first);
        assertThat(folds(StratifiedFolds.assign(data, "label", 3, 8))).isNotEqualTo(first);
        assertThatThrownBy(() -> StratifiedFolds.assign(data, "label", 1, 7))
                .hasMessage("folds must be at least 2, was: 1");
    }

    private static Map<Integer, Integer> folds(Dataset<Row> assigned) {
        Map<Integer, Integer> folds = new TreeMap<>();
        for (Row row : assigned.collectAsList()) {
            Integer previous = folds.put(row.getInt(0), row.getInt(row.fieldIndex(StratifiedFolds.FOLD)));
            assertThat(previous).as("row %s in two folds", row.getInt(0)).isNull();
        }
        return folds;
    }

    /** Rows with ids in [from, to) per fold 0, 1, 2. */
    private static List<Integer> sizes(Map<Integer, Integer> folds, int from, int to) {
        int[] sizes = new int[3];
        folds.forEach((id, fold) -> {
            if (id >= from && id < to) {
                sizes[fold]++;
            }
        });
        return List.of(sizes[0], sizes[1], sizes[2]);
    }
}
