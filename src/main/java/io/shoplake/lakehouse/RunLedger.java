package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Records every job step in {@code ops.runs}: the platform's run history and lineage. */
public final class RunLedger {

    public static final TableId RUNS = TableId.ops("runs");
    /**
     * The start of every step, apart from {@link #RUNS} so that {@code ops.runs} keeps one row per ended step for
     * anyone who queries it; {@link #history()} joins the two and shows a start without an end as unfinished.
     */
    public static final TableId RUN_STARTS = TableId.ops("run_starts");

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("job", DataTypes.StringType, false)
            .add("step", DataTypes.StringType, false)
            .add("as_of", DataTypes.DateType, true)
            .add("started_at", DataTypes.TimestampType, false)
            .add("ended_at", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add("rows_in", DataTypes.LongType, false)
            .add("rows_out", DataTypes.LongType, false)
            .add("rows_quarantined", DataTypes.LongType, false)
            .add("input_snapshots", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("output_snapshots", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("error", DataTypes.StringType, true);

    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Lakehouse lake;

    public RunLedger(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** A new run id: sortable by start time, unique by a random suffix. */
    public static String newRunId() {
        return RUN_ID_TIME.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs one step and records its start and then its end, succeeded or failed, so a run killed in between shows as
     * unfinished. Input snapshot ids are taken before the step, output snapshot ids after it. A failure is recorded
     * and rethrown.
     */
    public StepRun step(
            String runId,
            String job,
            String step,
            Optional<LocalDate> asOf,
            List<TableId> inputs,
            List<TableId> outputs,
            Supplier<StepCounts> body) {
        Map<String, Long> inputSnapshots = JobPhase.run(lake.spark(), "ops.runs", () -> snapshots(inputs));
        StepRun start = StepRun.started(runId, job, step, asOf, Instant.now(), inputSnapshots);
        record(start);
        lake.spark()
                .sparkContext()
                .setJobGroup(
                        job + ":" + step,
                        job + " " + step + asOf.map(d -> " as of " + d).orElse(""),
                        false);
        try {
            StepCounts counts = body.get();
            StepRun run = start.succeeded(
                    Instant.now(), counts, JobPhase.run(lake.spark(), "ops.runs", () -> snapshots(outputs)));
            record(run);
            return run;
        } catch (RuntimeException | Error e) {
            // An Error the JVM survives (an assertion, a stack overflow, a class missing on an executor) is a failed
            // step too; if recording it fails as well, the step's own failure is what the caller sees.
            try {
                record(start.failed(
                        Instant.now(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (RuntimeException | Error notRecorded) {
                e.addSuppressed(notRecorded);
            }
            throw e;
        } finally {
            lake.spark().sparkContext().clearJobGroup();
        }
    }

    /** Appends one finished step to {@code ops.runs}, or a step's start ({@link StepStatus#STARTED}) to its own table. */
    public void record(StepRun run) {
        Row row = RowFactory.create(
                run.runId(),
                run.job(),
                run.step(),
                run.asOf().map(Date::valueOf).orElse(null),
                Timestamp.from(run.startedAt()),
                Timestamp.from(run.endedAt()),
                run.status().name(),
                run.counts().rowsIn(),
                run.counts().rowsOut(),
                run.counts().rowsQuarantined(),
                run.inputSnapshots(),
                run.outputSnapshots(),
                run.error().map(MaskedUrls::maskIn).orElse(null));
        Dataset<Row> rows = lake.spark().createDataFrame(List.of(row), SCHEMA);
        JobPhase.run(
                lake.spark(),
                "ops.runs",
                () -> lake.append(run.status() == StepStatus.STARTED ? RUN_STARTS : RUNS, rows));
    }

    /**
     * The recorded steps, newest first: one row per step, its end row when it has one, else its start row with status
     * {@link StepStatus#UNFINISHED}.
     */
    public Dataset<Row> history() {
        Dataset<Row> ends = lake.exists(RUNS) ? lake.read(RUNS) : lake.spark().createDataFrame(List.of(), SCHEMA);
        Dataset<Row> all = ends;
        if (lake.exists(RUN_STARTS)) {
            List<String> key = List.of("run_id", "job", "step", "started_at");
            Dataset<Row> unfinished = lake.read(RUN_STARTS)
                    .join(ends.select("run_id", "job", "step", "started_at"), toSeq(key), "left_anti")
                    .withColumn("status", lit(StepStatus.UNFINISHED.name()));
            all = ends.unionByName(unfinished);
        }
        return all.orderBy(
                org.apache.spark.sql.functions.col("started_at").desc(), org.apache.spark.sql.functions.col("step"));
    }

    private static scala.collection.immutable.Seq<String> toSeq(List<String> names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
    }

    private Map<String, Long> snapshots(List<TableId> tables) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (TableId table : tables) {
            lake.snapshotId(table).ifPresent(id -> ids.put(table.toString(), id));
        }
        return ids;
    }
}
