package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.memberships.generator.ApplicationsGenerator;
import io.shoplake.scheduler.SchedulerLock;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule run --once} and {@code schedule list} through the CLI, the command run in-process. */
class ScheduleCommandTest {

    @TempDir
    Path dir;

    @Test
    void runOnceCatchesUpThroughTheCliAndNeverRunsASlotTwice() throws Exception {
        Path drop = dir.resolve("drop");
        ApplicationsGenerator.write(drop.resolve("a.csv"), ApplicationsGenerator.rows(5, 1));
        Path lakeDir = dir.resolve("lake");
        Path config = dir.resolve("shoplake.yaml");
        Files.writeString(config, """
                schedules:
                  - name: applications
                    cron: "0 0 1 1 *"
                    command: ingest applications --from '%s' --as-of-date ${slot_date}
                """.formatted(drop));
        TestSpark.spark();
        int year = Instant.now().atZone(ZoneOffset.UTC).getYear();

        CliResult once = CliTestSupport.run(
                "schedule", "run", "--once", "--config", config.toString(), "--lake", lakeDir.toString());
        assertThat(once.exitCode()).as(once.err()).isZero();
        assertThat(once.out())
                .contains("files: 1 loaded, 0 already loaded; as of " + year + "-01-01")
                .contains("schedule applications slot " + year + "-01-01T00:00:00Z: succeeded")
                .contains("schedule run --once: 1 slot(s) run");

        CliResult again = CliTestSupport.run(
                "schedule", "run", "--once", "--config", config.toString(), "--lake", lakeDir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("schedule run --once: 0 slot(s) run");

        CliResult list =
                CliTestSupport.run("schedule", "list", "--config", config.toString(), "--lake", lakeDir.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .containsPattern("applications +0 0 1 1 \\* +ingest applications --from .* " + year
                        + "-01-01T00:00:00Z +" + (year + 1) + "-01-01T00:00:00Z");

        Lakehouse lake = TestSpark.freshLake(lakeDir);
        List<Row> slots = lake.read(TableId.ops("schedule_runs")).collectAsList();
        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).<String>getAs("status")).isEqualTo("SUCCEEDED");
        assertThat(lake.read(TableId.silver("applications")).count()).isEqualTo(5);
        assertThat(lake.read(TableId.ops("runs"))
                        .where("job = 'schedule applications'")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSecondSchedulerOnTheSameLakeStopsWithTheHoldersPid() throws Exception {
        Path lakeDir = dir.resolve("lake");
        Path config = dir.resolve("shoplake.yaml");
        Files.writeString(config, """
                schedules:
                  - name: nightly
                    cron: "0 3 * * *"
                    command: tables
                """);
        TestSpark.spark();
        try (SchedulerLock running = SchedulerLock.acquire(lakeDir.resolve("state"))) {
            CliResult second = CliTestSupport.run(
                    "schedule", "run", "--once", "--config", config.toString(), "--lake", lakeDir.toString());
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err().strip())
                    .startsWith("error: another scheduler is running on this lake (pid "
                            + ProcessHandle.current().pid())
                    .doesNotContain("\n");
            assertThat(second.out()).doesNotContain("slot");
        }
    }

    @Test
    void aBadCronExpressionIsAConfigErrorNamingTheFile() throws Exception {
        Path config = dir.resolve("shoplake.yaml");
        Files.writeString(config, """
                schedules:
                  - name: hourly
                    cron: "every hour"
                    command: tables
                """);
        CliResult list =
                CliTestSupport.run("schedule", "list", "--config", config.toString(), "--lake", dir.toString());
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err())
                .startsWith(
                        "error: " + config + ": schedule hourly: cron must be a Unix cron expression with 5 fields");
    }
}
