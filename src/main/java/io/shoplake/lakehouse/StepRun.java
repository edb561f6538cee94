package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** One row of {@code ops.runs}: what a job step read, wrote and counted, and how it ended. */
public record StepRun(
        String runId,
        String job,
        String step,
        Optional<LocalDate> asOf,
        Instant startedAt,
        Instant endedAt,
        StepStatus status,
        StepCounts counts,
        Map<String, Long> inputSnapshots,
        Map<String, Long> outputSnapshots,
        Optional<String> error) {

    public StepRun {
        requireNonNull(runId, "runId is null");
        requireNonNull(job, "job is null");
        requireNonNull(step, "step is null");
        requireNonNull(asOf, "asOf is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(counts, "counts is null");
        inputSnapshots = Map.copyOf(inputSnapshots);
        outputSnapshots = Map.copyOf(outputSnapshots);
        requireNonNull(error, "error is null");
    }

    /** A step that has just begun: no counts, no outputs, ended when it started. */
    public static StepRun started(
            String runId,
            String job,
            String step,
            Optional<LocalDate> asOf,
            Instant startedAt,
            Map<String, Long> inputSnapshots) {
        return new StepRun(
                runId,
                job,
                step,
                asOf,
                startedAt,
                startedAt,
                StepStatus.STARTED,
                new StepCounts(0, 0, 0),
                inputSnapshots,
                Map.of(),
                Optional.empty());
    }

    /** A step that failed before it could start (a file it cannot read, a database it cannot reach). */
    public static StepRun failedBeforeStart(String runId, String job, String step, String error) {
        Instant now = Instant.now();
        return started(runId, job, step, Optional.empty(), now, Map.of()).failed(now, error);
    }

    /** This started step, succeeded at {@code endedAt} with its counts and the snapshots it left. */
    public StepRun succeeded(Instant endedAt, StepCounts counts, Map<String, Long> outputSnapshots) {
        return ended(endedAt, StepStatus.SUCCEEDED, counts, outputSnapshots, Optional.empty());
    }

    /** This started step, failed at {@code endedAt}: no counts, no outputs. */
    public StepRun failed(Instant endedAt, String error) {
        return ended(endedAt, StepStatus.FAILED, new StepCounts(0, 0, 0), Map.of(), Optional.of(error));
    }

    private StepRun ended(
            Instant endedAt,
            StepStatus status,
            StepCounts counts,
            Map<String, Long> outputSnapshots,
            Optional<String> error) {
        return new StepRun(
                runId, job, step, asOf, startedAt, endedAt, status, counts, inputSnapshots, outputSnapshots, error);
    }
}
