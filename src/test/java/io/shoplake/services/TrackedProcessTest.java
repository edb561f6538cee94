package io.shoplake.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A process is named by pid and start time: one with another start time at the same pid is never signalled. */
class TrackedProcessTest {

    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void startTimeIsField22OfProcStatEvenWhenTheCommandHoldsSpacesAndParentheses() {
        // Fields 3..22 after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime priority nice threads itrealvalue starttime
        String stat = "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 987654 1000 200";

        assertThat(TrackedProcess.parseStartTime(stat)).isEqualTo(OptionalLong.of(987654));
        assertThat(TrackedProcess.parseStartTime("garbage")).isEmpty();
    }

    @Test
    void theStartTimeReadIsTheOneInProcStat() throws Exception {
        child = new ProcessBuilder("sleep", "600").start();
        Path stat = Path.of("/proc", Long.toString(child.pid()), "stat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(stat), "no /proc on this system");
        // Independently of the parser: awk's field 22 (the command of `sleep` has no spaces).
        long field22 = Long.parseLong(Files.readString(stat).split(" ")[21]);

        assertThat(TrackedProcess.of(child.pid())).contains(new TrackedProcess(child.pid(), field22));
    }

    @Test
    void aProcessWithAnotherStartTimeAtTheRecordedPidIsNeverSignalled() throws Exception {
        child = new ProcessBuilder("sleep", "600").start();
        TrackedProcess live = TrackedProcess.of(child.pid()).orElseThrow();
        TrackedProcess recycled = new TrackedProcess(live.pid(), live.startTime() - 1);

        assertThat(recycled.isRunning()).isFalse();
        assertThat(recycled.stop(Duration.ofSeconds(1))).isFalse();
        Thread.sleep(200);
        assertThat(child.isAlive()).isTrue();
    }

    @Test
    void aRunningProcessIsStoppedByPid() throws Exception {
        child = new ProcessBuilder("sleep", "600").start();
        TrackedProcess live = TrackedProcess.of(child.pid()).orElseThrow();

        assertThat(live.isRunning()).isTrue();
        assertThat(live.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(live.isRunning()).isFalse();
        assertThat(live.stop(Duration.ofSeconds(1))).isFalse();
    }
}
