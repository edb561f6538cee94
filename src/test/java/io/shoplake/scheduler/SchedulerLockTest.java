package io.shoplake.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One scheduler per lake: across processes, within one JVM, and released by the OS after kill -9. */
class SchedulerLockTest {

    @TempDir
    Path state;

    @Test
    void aSecondSchedulerInThisJvmIsRefusedUntilTheFirstCloses() {
        try (SchedulerLock first = SchedulerLock.acquire(state)) {
            assertThatThrownBy(() -> SchedulerLock.acquire(state))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("another scheduler is running on this lake (pid "
                            + ProcessHandle.current().pid() + ", since ")
                    .hasMessageEndingWith(
                            "; run one scheduler per lake (lock: " + state.resolve("scheduler.lock") + ")");
        }
        SchedulerLock.acquire(state).close();
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HoldTheLock.class.getName(),
                        state.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> SchedulerLock.acquire(state))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(pid " + holder.pid() + ", since ");

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            SchedulerLock.acquire(state).close();
        } finally {
            holder.destroyForcibly();
        }
    }

    /** A child process that takes the lock, says so, and waits to be killed. */
    public static final class HoldTheLock {
        public static void main(String[] args) throws InterruptedException {
            SchedulerLock lock = SchedulerLock.acquire(Path.of(args[0]));
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            lock.close();
        }
    }
}
