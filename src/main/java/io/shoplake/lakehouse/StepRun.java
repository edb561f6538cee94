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
}
