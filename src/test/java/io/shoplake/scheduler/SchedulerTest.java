package io.shoplake.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Catch-up, retries and on-time runs of the scheduler on a fake clock, with a hand-written history. */
class SchedulerTest {

    private static final CronSchedule HOURLY = new CronSchedule(
            "applications", "0 * * * *", "ingest applications --from in --as-of-date ${slot_date}", ZoneOffset.UTC);

    /** The same schedule with the slot time in its command line. */
    private static final CronSchedule BY_SLOT =
            new CronSchedule("applications", "0 * * * *", "ingest applications --slot ${slot}", ZoneOffset.UTC);

    @Test
    void aScheduleNeverRunBeforeRunsOnlyItsLatestSlot() {
        FakeClock clock = new FakeClock("2022-01-01T10:30:00Z");
        Recorder runner = new Recorder(clock, Set.of());
        Scheduler scheduler = new Scheduler(List.of(HOURLY), runner, new MemoryHistory(), clock, clock::sleepUntil);

        List<SlotRun> ran = scheduler.catchUp(run -> {});

        assertThat(ran).extracting(SlotRun::slot).containsExactly(Instant.parse("2022-01-01T10:00:00Z"));
        assertThat(runner.calls)
                .containsExactly("2022-01-01T10:30:00Z ingest applications --from in --as-of-date 2022-01-01");
    }

    @Test
    void everyMissedSlotRunsOnceOldestFirstAndNeverAgain() {
        FakeClock clock = new FakeClock("2022-01-01T10:30:00Z");
        MemoryHistory history = new MemoryHistory();
        history.record(succeeded("2022-01-01T07:00:00Z"));
        Scheduler scheduler =
                new Scheduler(List.of(HOURLY), new Recorder(clock, Set.of()), history, clock, clock::sleepUntil);

        assertThat(scheduler.catchUp(run -> {}))
                .extracting(SlotRun::slot)
                .containsExactly(
                        Instant.parse("2022-01-01T08:00:00Z"),
                        Instant.parse("2022-01-01T09:00:00Z"),
                        Instant.parse("2022-01-01T10:00:00Z"));
        assertThat(scheduler.catchUp(run -> {})).isEmpty();
        // A restart at the same time owes nothing either: the history says every slot succeeded.
        assertThat(new Scheduler(List.of(HOURLY), new Recorder(clock, Set.of()), history, clock, clock::sleepUntil)
                        .catchUp(run -> {}))
                .isEmpty();
    }

    @Test
    void aFailedSlotHoldsBackItsSuccessorsAndIsRetriedOnTheNextStart() {
        FakeClock clock = new FakeClock("2022-01-01T10:30:00Z");
        MemoryHistory history = new MemoryHistory();
        history.record(succeeded("2022-01-01T07:00:00Z"));
        Recorder failing = new Recorder(clock, Set.of("2022-01-01T09:00:00Z"));
        Scheduler first = new Scheduler(List.of(BY_SLOT), failing, history, clock, clock::sleepUntil);

        List<SlotRun> ran = first.catchUp(run -> {});
        assertThat(ran)
                .extracting(SlotRun::slot, SlotRun::succeeded)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-01-01T08:00:00Z"), true),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2022-01-01T09:00:00Z"), false));
        assertThat(ran.get(1).error()).contains("exit code 1");
        // Not retried in the same process.
        assertThat(first.catchUp(run -> {})).isEmpty();

        clock.set("2022-01-01T11:05:00Z");
        Scheduler restarted =
                new Scheduler(List.of(BY_SLOT), new Recorder(clock, Set.of()), history, clock, clock::sleepUntil);
        assertThat(restarted.catchUp(run -> {}))
                .extracting(SlotRun::slot)
                .containsExactly(
                        Instant.parse("2022-01-01T09:00:00Z"),
                        Instant.parse("2022-01-01T10:00:00Z"),
                        Instant.parse("2022-01-01T11:00:00Z"));
    }

    @Test
    void theLongRunningLoopRunsEachSlotWhenItIsDue() throws Exception {
        FakeClock clock = new FakeClock("2022-01-01T10:30:00Z");
        MemoryHistory history = new MemoryHistory();
        history.record(succeeded("2022-01-01T10:00:00Z"));
        CronSchedule daily = new CronSchedule("daily", "15 0 * * *", "report x", ZoneOffset.UTC);
        Recorder runner = new Recorder(clock, Set.of());
        Scheduler scheduler = new Scheduler(List.of(HOURLY, daily), runner, history, clock, clock::sleepUntil);
        int[] wakes = new int[1];

        scheduler.run(() -> wakes[0]++ < 15, run -> {});

        // Catch-up at 10:30: the daily schedule's first slot (00:15 today); then 11:00 ... 23:00, 00:00 and 00:15.
        assertThat(runner.calls.get(0)).isEqualTo("2022-01-01T10:30:00Z report x");
        assertThat(runner.calls.get(1))
                .isEqualTo("2022-01-01T11:00:00Z ingest applications --from in --as-of-date 2022-01-01");
        assertThat(runner.calls.get(13))
                .isEqualTo("2022-01-01T23:00:00Z ingest applications --from in --as-of-date 2022-01-01");
        assertThat(runner.calls.get(14))
                .isEqualTo("2022-01-02T00:00:00Z ingest applications --from in --as-of-date 2022-01-02");
        assertThat(runner.calls.get(15)).isEqualTo("2022-01-02T00:15:00Z report x");
        assertThat(runner.calls).hasSize(16);
        assertThat(history.runs("daily"))
                .extracting(SlotRun::slot)
                .containsExactly(Instant.parse("2022-01-01T00:15:00Z"), Instant.parse("2022-01-02T00:15:00Z"));
    }

    @Test
    void cronExpressionsAreReadInTheSchedulesZone() {
        CronSchedule singapore = new CronSchedule("sg", "0 9 * * *", "x", ZoneId.of("Asia/Singapore"));
        assertThat(singapore.nextAfter(Instant.parse("2022-01-01T00:00:00Z")))
                .contains(Instant.parse("2022-01-01T01:00:00Z"));
        assertThat(singapore.latestAtOrBefore(Instant.parse("2022-01-01T01:00:00Z")))
                .contains(Instant.parse("2022-01-01T01:00:00Z"));
        assertThat(singapore.latestAtOrBefore(Instant.parse("2022-01-01T00:59:59Z")))
                .contains(Instant.parse("2021-12-31T01:00:00Z"));
    }

    @Test
    void badCronExpressionsAndCommandLinesAreRefusedWithTheRule() {
        assertThatThrownBy(() -> new CronSchedule("s", "every hour", "x", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "schedule s: cron must be a Unix cron expression with 5 fields (e.g. '0 * * * *'), was: 'every hour'");
        assertThatThrownBy(() -> new CronSchedule("s", "0 * * * *", "ingest 'x", ZoneOffset.UTC))
                .hasMessage("unclosed ' in command: ingest 'x");
        assertThat(CommandLineSplitter.split(" ingest  applications --from '/data/my drop' --out \"a b\" "))
                .containsExactly("ingest", "applications", "--from", "/data/my drop", "--out", "a b");
    }

    private static SlotRun succeeded(String slot) {
        Instant at = Instant.parse(slot);
        return new SlotRun("applications", at, List.of("x"), at, at, 0, Optional.empty());
    }

    /** A clock the test moves; sleeping moves it to the wake-up time. */
    static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(String now) {
            set(now);
        }

        void set(String time) {
            now = Instant.parse(time);
        }

        void sleepUntil(Instant time) {
            if (time.isAfter(now)) {
                now = time;
            }
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records "clock-time arguments" of every call; exits 1 when an argument is one of the failing values. */
    static final class Recorder implements CommandRunner {
        final List<String> calls = new ArrayList<>();
        private final FakeClock clock;
        private final Set<String> failing;

        Recorder(FakeClock clock, Set<String> failing) {
            this.clock = clock;
            this.failing = failing;
        }

        @Override
        public int run(List<String> arguments) {
            calls.add(clock.instant() + " " + String.join(" ", arguments));
            return arguments.stream().anyMatch(failing::contains) ? 1 : 0;
        }
    }

    /** The history in memory. */
    static final class MemoryHistory implements ScheduleHistory {
        private final List<SlotRun> runs = new ArrayList<>();

        @Override
        public List<SlotRun> runs(String schedule) {
            return runs.stream().filter(r -> r.schedule().equals(schedule)).toList();
        }

        @Override
        public void record(SlotRun run) {
            runs.add(run);
        }
    }
}
