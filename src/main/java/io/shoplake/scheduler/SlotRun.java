package io.shoplake.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of a schedule's slot: a row of {@code ops.schedule_runs}.
 *
 * @param slot the time the slot was due (what makes a run unique: a slot that succeeded never runs again)
 * @param exitCode the command's exit code (0 = succeeded)
 * @param error why it failed, when it did
 */
public record SlotRun(
        String schedule,
        Instant slot,
        List<String> arguments,
        Instant startedAt,
        Instant endedAt,
        int exitCode,
        Optional<String> error) {

    public SlotRun {
        requireNonNull(schedule, "schedule is null");
        requireNonNull(slot, "slot is null");
        arguments = List.copyOf(arguments);
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(error, "error is null");
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
