package io.shoplake.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseTest {

    private static final StructType PEOPLE =
            new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);

    @TempDir
    Path dir;

    private Dataset<Row> people(Object[]... rows) {
        return TestSpark.spark()
                .createDataFrame(
                        java.util.Arrays.stream(rows).map(RowFactory::create).toList(), PEOPLE);
    }

    @Test
    void mergeUpdatesMatchingKeysAndInsertsNewOnes() {
        Lakehouse lake = TestSpark.freshLake(dir);
        TableId table = TableId.silver("people");
        lake.merge(table, people(new Object[] {1, "ann"}, new Object[] {2, "bob"}), List.of("id"));
        lake.merge(table, people(new Object[] {2, "bobby"}, new Object[] {3, "cy"}), List.of("id"));

        List<String> rows = lake.read(table).orderBy("id").collectAsList().stream()
                .map(r -> r.getInt(0) + ":" + r.getString(1))
                .toList();
        assertThat(rows).containsExactly("1:ann", "2:bobby", "3:cy");
    }

    @Test
    void twoLakesInOneSessionSeeOnlyTheirOwnTablesAndALakeOpenedAgainSeesItsTables() {
        Lakehouse first = TestSpark.freshLake(dir.resolve("a"));
        first.append(TableId.bronze("people"), people(new Object[] {1, "ann"}));

        Lakehouse second = TestSpark.freshLake(dir.resolve("b"));
        second.append(TableId.bronze("people"), people(new Object[] {2, "bob"}, new Object[] {3, "cy"}));
        Lakehouse firstAgain = TestSpark.freshLake(dir.resolve("a"));

        assertThat(second.catalog()).isNotEqualTo(first.catalog());
        assertThat(firstAgain.catalog()).isEqualTo(first.catalog());
        assertThat(first.read(TableId.bronze("people")).count()).isEqualTo(1);
        assertThat(second.read(TableId.bronze("people")).count()).isEqualTo(2);
        assertThat(firstAgain.read(TableId.bronze("people")).count()).isEqualTo(1);
        assertThat(dir.resolve("a/warehouse/bronze/people")).isDirectory();
        assertThat(dir.resolve("b/warehouse/bronze/people")).isDirectory();
    }

    @Test
    void appendToFewPartitionsWritesEachTasksRowsWhereTheyAreInsteadOfShufflingThemByPartition() {
        Lakehouse lake = TestSpark.freshLake(dir);
        // Two tasks (ids 1-2 and 3-4), each with rows of both partitions.
        Dataset<Row> rows = TestSpark.spark()
                .range(1, 5, 1, 2)
                .select(
                        col("id").cast(DataTypes.IntegerType).as("id"),
                        when(col("id").mod(2).equalTo(1), lit("ann"))
                                .otherwise(lit("bob"))
                                .as("name"));
        TableId shuffled = TableId.silver("people_shuffled");
        TableId inPlace = TableId.silver("people_in_place");
        lake.append(shuffled, people(new Object[] {0, "ann"}), "name");
        lake.append(inPlace, people(new Object[] {0, "ann"}), "name");

        lake.append(shuffled, rows, "name");
        lake.appendToFewPartitions(inPlace, rows, "name");

        for (TableId table : List.of(shuffled, inPlace)) {
            assertThat(lake.read(table).orderBy("id").collectAsList())
                    .extracting(r -> r.getInt(0) + ":" + r.getString(1))
                    .containsExactly("0:ann", "1:ann", "2:bob", "3:ann", "4:bob");
        }
        // The first commit wrote one file; the shuffle gathers a partition's rows into one task (one file each), the
        // in-place write leaves them in both tasks (a file per task and partition).
        assertThat(dataFiles(lake, shuffled)).isEqualTo(1 + 2);
        assertThat(dataFiles(lake, inPlace)).isEqualTo(1 + 4);
    }

    private static long dataFiles(Lakehouse lake, TableId table) {
        return lake.spark()
                .sql("SELECT * FROM " + lake.sqlName(table) + ".files")
                .count();
    }

    @Test
    void overwritePartitionsReplacesOnlyThePartitionsWritten() {
        Lakehouse lake = TestSpark.freshLake(dir);
        TableId table = TableId.gold("people_by_id");
        lake.overwritePartitions(table, people(new Object[] {1, "ann"}, new Object[] {2, "bob"}), "id");
        lake.overwritePartitions(table, people(new Object[] {2, "bo"}), "id");

        assertThat(lake.read(table).orderBy("id").collectAsList())
                .extracting(r -> r.getString(1))
                .containsExactly("ann", "bo");
    }

    @Test
    void ledgerRecordsSucceededAndFailedStepsWithSnapshots() {
        Lakehouse lake = TestSpark.freshLake(dir);
        RunLedger ledger = new RunLedger(lake);
        TableId table = TableId.silver("people");
        String runId = RunLedger.newRunId();
        StepRun ok = ledger.step(
                runId, "test", "write", Optional.of(LocalDate.of(2024, 1, 2)), List.of(), List.of(table), () -> {
                    lake.append(table, people(new Object[] {1, "ann"}));
                    return new StepCounts(1, 1, 0);
                });
        assertThat(ok.outputSnapshots()).containsKey("silver.people");
        assertThat(ok.outputSnapshots().get("silver.people"))
                .isEqualTo(lake.snapshotId(table).getAsLong());

        assertThatThrownBy(() -> ledger.step(runId, "test", "boom", Optional.empty(), List.of(table), List.of(), () -> {
                    throw new IllegalStateException("disk full");
                }))
                .hasMessage("disk full");

        List<Row> history = ledger.history().orderBy("step").collectAsList();
        assertThat(history)
                .extracting(r -> r.getAs("step") + "/" + r.getAs("status") + "/" + r.getAs("error"))
                .containsExactly("boom/FAILED/disk full", "write/SUCCEEDED/null");
        assertThat(history.get(1).<java.sql.Date>getAs("as_of").toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 2));
    }

    @Test
    void readingAMissingTableSaysWhatToDo() {
        Lakehouse lake = TestSpark.freshLake(dir);
        assertThatThrownBy(() -> lake.read(TableId.silver("nothing")))
                .isInstanceOf(MissingTableException.class)
                .hasMessage("table silver.nothing does not exist yet: run the step that builds it first");
    }
}
