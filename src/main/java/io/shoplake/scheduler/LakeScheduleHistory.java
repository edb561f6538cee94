package io.shoplake.scheduler;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.StepRun;
import io.shoplake.lakehouse.StepStatus;
import io.shoplake.lakehouse.TableId;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The schedule history in the lake: {@code ops.schedule_runs} (one row per slot run, with the slot time) and, for
 * the common run history, one {@code ops.runs} row per slot run (job {@code schedule <name>}, step
 * {@code slot <time>}).
 */
public final class LakeScheduleHistory implements ScheduleHistory {

    public static final TableId TABLE = TableId.ops("schedule_runs");

    static final StructType SCHEMA = new StructType()
            .add("schedule", DataTypes.StringType, false)
            .add("slot_at", DataTypes.TimestampType, false)
            .add("command", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false)
            .add("exit_code", DataTypes.IntegerType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("ended_at", DataTypes.TimestampType, false)
            .add("error", DataTypes.StringType, true);

    private final Lakehouse lake;

    public LakeScheduleHistory(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    @Override
    public List<SlotRun> runs(String schedule) {
        if (!lake.exists(TABLE)) {
            return List.of();
        }
        return lake.read(TABLE).where(col("schedule").equalTo(schedule)).collectAsList().stream()
                .map(row -> new SlotRun(
                        row.getString(0),
                        row.getTimestamp(1).toInstant(),
                        CommandLineSplitter.split(row.getString(2)),
                        row.getTimestamp(5).toInstant(),
                        row.getTimestamp(6).toInstant(),
                        row.getInt(4),
                        Optional.ofNullable(row.getString(7))))
                .toList();
    }

    @Override
    public void record(SlotRun run) {
        Row row = RowFactory.create(
                run.schedule(),
                Timestamp.from(run.slot()),
                String.join(
                        " ",
                        run.arguments().stream()
                                .map(LakeScheduleHistory::quoted)
                                .toList()),
                run.succeeded() ? StepStatus.SUCCEEDED.name() : StepStatus.FAILED.name(),
                run.exitCode(),
                Timestamp.from(run.startedAt()),
                Timestamp.from(run.endedAt()),
                run.error().orElse(null));
        lake.append(TABLE, lake.spark().createDataFrame(List.of(row), SCHEMA));
        new RunLedger(lake)
                .record(new StepRun(
                        RunLedger.newRunId(),
                        "schedule " + run.schedule(),
                        "slot " + run.slot(),
                        Optional.of(run.slot().atZone(ZoneOffset.UTC).toLocalDate()),
                        run.startedAt(),
                        run.endedAt(),
                        run.succeeded() ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                        new StepCounts(0, 0, 0),
                        Map.of(),
                        Map.of(),
                        run.error()));
    }

    private static String quoted(String argument) {
        return argument.isEmpty() || argument.matches(".*[\\s'\"].*")
                ? "'" + argument.replace("'", "") + "'"
                : argument;
    }
}
