package io.shoplake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {

    @TempDir
    Path dir;

    @Test
    void aStepThatEndsInAnErrorIsRecordedAsFailedAndTheErrorReachesTheCaller() {
        Lakehouse lake = TestSpark.freshLake(dir);
        RunLedger runs = new RunLedger(lake);
        AssertionError thrown = new AssertionError("a broken invariant");

        assertThatThrownBy(() -> runs.step("run-1", "job", "checks", Optional.empty(), List.of(), List.of(), () -> {
                    throw thrown;
                }))
                .isSameAs(thrown);

        List<Row> rows = lake.read(RunLedger.RUNS).collectAsList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).<String>getAs("status")).isEqualTo("FAILED");
        assertThat(rows.get(0).<String>getAs("error")).isEqualTo("a broken invariant");
        assertThat(rows.get(0).<String>getAs("step")).isEqualTo("checks");
    }
}
