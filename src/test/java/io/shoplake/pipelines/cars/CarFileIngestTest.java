package io.shoplake.pipelines.cars;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest cars: the real file loads whole; values outside the allowed ones are quarantined with their reasons. */
class CarFileIngestTest {

    @TempDir
    Path directory;

    @Test
    void theUciFileLoadsEveryRowAndLoadingItAgainAddsNothing() {
        Lakehouse lake = TestSpark.freshLake(directory.resolve("lake"));
        Path file = SharedData.require("car-evaluation/car.data");

        CarFileIngest.Report first = CarFileIngest.load(lake, file, "run-1");
        CarFileIngest.Report again = CarFileIngest.load(lake, file, "run-2");

        assertThat(first.bronzeRows()).isEqualTo(1728);
        assertThat(first.loaded()).isEqualTo(1728);
        assertThat(first.quarantined()).isZero();
        assertThat(first.repeatedAttributes()).isZero();
        assertThat(again.filesAlreadyLoaded()).isEqualTo(1);
        assertThat(again.loaded()).isEqualTo(1728);
        // SOURCE.md: unacc 1210, acc 384, good 69, v-good 65.
        assertThat(lake.read(CarFileIngest.CARS).groupBy("class").count().orderBy("class").collectAsList().stream()
                        .map(r -> r.getString(0) + "=" + r.getLong(1))
                        .toList())
                .containsExactly("acc=384", "good=69", "unacc=1210", "vgood=65");
    }

    @Test
    void valuesOutsideTheAllowedOnesAreQuarantinedWithTheirReasons() throws Exception {
        Lakehouse lake = TestSpark.freshLake(directory.resolve("lake"));
        Path file = directory.resolve("cars.csv");
        // Line 2: a price nobody allows; line 3: no safety; line 4: one field short (a bronze reject);
        // line 5 repeats line 1's attributes with another class (kept, counted as a warning).
        Files.writeString(file, """
                vhigh,vhigh,2,2,small,low,unacc
                cheap,vhigh,2,2,small,med,unacc
                vhigh,vhigh,2,2,small,,unacc
                vhigh,vhigh,2,2,small,high
                vhigh,vhigh,2,2,small,low,acc
                """);

        CarFileIngest.Report report = CarFileIngest.load(lake, file, "run-1");

        assertThat(report.bronzeRows()).isEqualTo(4);
        assertThat(report.bronzeQuarantined()).isEqualTo(1);
        assertThat(report.loaded()).isEqualTo(2);
        assertThat(report.quarantined()).isEqualTo(2);
        assertThat(report.quarantinedBy())
                .containsExactly(java.util.Map.entry("buying_allowed", 1L), java.util.Map.entry("safety_present", 1L));
        assertThat(report.repeatedAttributes()).isEqualTo(2);
        List<String> reasons = new Quarantine(lake)
                .of(CarFileIngest.CARS).orderBy("line").collectAsList().stream()
                        .map((Row r) -> r.getLong(r.fieldIndex("line")) + " " + r.getString(r.fieldIndex("reason")))
                        .toList();
        assertThat(reasons)
                .containsExactly("2 buying: not one of [high, low, med, vhigh]: cheap", "3 safety: is missing");
    }
}
