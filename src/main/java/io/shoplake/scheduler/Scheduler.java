package io.shoplake.scheduler;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs schedules on their cron slots through a {@link CommandRunner}, remembering every slot run in a
 * {@link ScheduleHistory}.
 *
 * <p>Which slots are due at a time {@code now}: a schedule never run before owes only its latest slot at or before
 * {@code now} (no back-fill of its whole past); otherwise it owes every slot after its latest recorded slot up to
 * {@code now}, plus every earlier slot that failed and never succeeded. A slot that succeeded never runs again. Due
 * slots run oldest first, one at a time; when one fails, the schedule's later slots wait (they run after the failed
 * one is retried, on the next start), and the process does not retry it until then.
 */
public final class Scheduler {

    private final List<CronSchedule> schedules;
    private final CommandRunner runner;
    private final ScheduleHistory history;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Set<String> failedInThisProcess = new HashSet<>();

    public Scheduler(
            List<CronSchedule> schedules, CommandRunner runner, ScheduleHistory history, Clock clock, Sleeper sleeper) {
        this.schedules = List.copyOf(requireNonNull(schedules, "schedules is null"));
        this.runner = requireNonNull(runner, "runner is null");
        this.history = requireNonNull(history, "history is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** What {@code schedule list} shows for one schedule. */
    public record Upcoming(
            String name, String cron, String command, Optional<Instant> lastSucceeded, Optional<Instant> nextRun) {}

    /** Each schedule with its last succeeded slot and its next slot after now. */
    public List<Upcoming> upcoming() {
        Instant now = clock.instant();
        return schedules.stream()
                .map(s -> new Upcoming(
                        s.name(),
                        s.cron(),
                        s.command(),
                        history.runs(s.name()).stream()
                                .filter(SlotRun::succeeded)
                                .map(SlotRun::slot)
                                .max(Comparator.naturalOrder()),
                        s.nextAfter(now)))
                .toList();
    }

    /** The slots of {@code schedule} due at {@code now}, oldest first (see the class comment). */
    public List<Instant> dueSlots(CronSchedule schedule, Instant now) {
        List<SlotRun> runs = history.runs(schedule.name());
        if (runs.isEmpty()) {
            return schedule.latestAtOrBefore(now).map(List::of).orElse(List.of());
        }
        Set<Instant> succeeded = new HashSet<>();
        runs.stream().filter(SlotRun::succeeded).forEach(r -> succeeded.add(r.slot()));
        TreeSet<Instant> due = new TreeSet<>();
        runs.stream()
                .map(SlotRun::slot)
                .filter(slot -> !succeeded.contains(slot) && !slot.isAfter(now))
                .forEach(due::add);
        Instant latest =
                runs.stream().map(SlotRun::slot).max(Comparator.naturalOrder()).orElseThrow();
        due.addAll(schedule.slotsBetween(latest, now));
        return new ArrayList<>(due);
    }

    /** Runs every due slot of every schedule once and returns what ran (for {@code schedule run --once}). */
    public List<SlotRun> catchUp(Consumer<SlotRun> listener) {
        List<SlotRun> ran = new ArrayList<>();
        Instant now = clock.instant();
        for (CronSchedule schedule : schedules) {
            for (Instant slot : dueSlots(schedule, now)) {
                if (failedInThisProcess.contains(key(schedule, slot))) {
                    break;
                }
                SlotRun run = runSlot(schedule, slot);
                listener.accept(run);
                ran.add(run);
                if (!run.succeeded()) {
                    failedInThisProcess.add(key(schedule, slot));
                    break;
                }
            }
        }
        return ran;
    }

    /**
     * Catches up, then runs each slot when it comes due until {@code keepRunning} says stop (checked after every
     * wake-up). The process never runs two slots at once, so never two of one schedule.
     */
    public void run(BooleanSupplier keepRunning, Consumer<SlotRun> listener) throws InterruptedException {
        catchUp(listener);
        while (keepRunning.getAsBoolean()) {
            Instant now = clock.instant();
            Optional<Instant> wake = schedules.stream()
                    .map(s -> s.nextAfter(now))
                    .flatMap(Optional::stream)
                    .min(Comparator.naturalOrder());
            if (wake.isEmpty()) {
                return;
            }
            sleeper.sleepUntil(wake.get());
            if (!clock.instant().isBefore(wake.get())) {
                catchUp(listener);
            }
        }
    }

    private SlotRun runSlot(CronSchedule schedule, Instant slot) {
        List<String> arguments = schedule.argumentsFor(slot);
        Instant started = clock.instant();
        int exitCode;
        Optional<String> error = Optional.empty();
        try {
            exitCode = runner.run(arguments);
            if (exitCode != 0) {
                error = Optional.of("exit code " + exitCode);
            }
        } catch (RuntimeException e) {
            exitCode = 1;
            error = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        SlotRun run = new SlotRun(schedule.name(), slot, arguments, started, clock.instant(), exitCode, error);
        history.record(run);
        return run;
    }

    private static String key(CronSchedule schedule, Instant slot) {
        return schedule.name() + "@" + slot;
    }
}
