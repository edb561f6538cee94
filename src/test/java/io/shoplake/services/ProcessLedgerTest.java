package io.shoplake.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pid files let a later run stop exactly the servers a killed JVM left behind: by pid, only while the start time
 * matches, and never those of a JVM that still runs.
 */
class ProcessLedgerTest {

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // A server a failed test left behind (its JVM is gone now): the ledger stops it.
        new ProcessLedger(dir.resolve("ledger")).stopOrphans(Duration.ofSeconds(10));
    }

    private TrackedProcess sleeper() throws Exception {
        Process child = new ProcessBuilder("sleep", "600").start();
        children.add(child);
        return TrackedProcess.of(child.pid()).orElseThrow();
    }

    /** A JVM that is gone: this JVM's pid with a start time it never had. */
    private static TrackedProcess deadOwner() {
        TrackedProcess self = TrackedProcess.current();
        return new TrackedProcess(self.pid(), self.startTime() + 1);
    }

    @Test
    void aRecordedServerOfAGoneOwnerIsStoppedAndItsFileRemoved() throws Exception {
        ProcessLedger ledger = new ProcessLedger(dir);
        TrackedProcess server = sleeper();
        Path file = ledger.record(ServiceKind.MARIADB, server, deadOwner());

        assertThat(Files.readString(file))
                .isEqualTo("service=mariadb\npid=" + server.pid() + "\nstart_time=" + server.startTime()
                        + "\nowner_pid=" + ProcessHandle.current().pid() + "\nowner_start_time="
                        + (TrackedProcess.current().startTime() + 1) + "\n");
        assertThat(ledger.stopOrphans(Duration.ofSeconds(10))).containsExactly(server);

        assertThat(children.get(0).waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void aRecordedPidWhoseStartTimeDoesNotMatchIsNeverSignalled() throws Exception {
        ProcessLedger ledger = new ProcessLedger(dir);
        TrackedProcess live = sleeper();
        // The recorded server exited and the system gave its pid to another process (here: the sleeper).
        Path file =
                ledger.record(ServiceKind.POSTGRES, new TrackedProcess(live.pid(), live.startTime() - 1), deadOwner());

        assertThat(ledger.stopOrphans(Duration.ofSeconds(1))).isEmpty();

        Thread.sleep(200);
        assertThat(children.get(0).isAlive()).isTrue();
        assertThat(file).doesNotExist();
    }

    @Test
    void theServerOfARunningOwnerIsLeftAlone() throws Exception {
        ProcessLedger ledger = new ProcessLedger(dir);
        TrackedProcess server = sleeper();
        Path file = ledger.record(ServiceKind.MARIADB, server); // owner: this JVM, which runs

        assertThat(ledger.stopOrphans(Duration.ofSeconds(1))).isEmpty();

        assertThat(children.get(0).isAlive()).isTrue();
        assertThat(ledger.entries())
                .containsExactly(new ProcessLedger.Entry(file, "mariadb", server, TrackedProcess.current()));
    }

    @Test
    void unreadableFilesAreSkippedNotActedUpon() throws Exception {
        ProcessLedger ledger = new ProcessLedger(dir);
        TrackedProcess server = sleeper();
        Files.writeString(dir.resolve("mariadb-1.pid"), "pid=" + server.pid() + "\n"); // no start time, no owner

        assertThat(ledger.entries()).isEmpty();
        assertThat(ledger.stopOrphans(Duration.ofSeconds(1))).isEmpty();
        assertThat(children.get(0).isAlive()).isTrue();
    }

    @Test
    void aMariaDbLeftBehindByAKilledJvmIsStoppedByTheNextRun() throws Exception {
        Path ledgerDirectory = dir.resolve("ledger");
        Path stateFile = dir.resolve("mariadb.json");
        // A real JVM running a real MariaDB (the `services up` host), recording into this test's own ledger.
        List<String> command = new ArrayList<>(ServiceControl.hostCommand(List.of(
                "mariadb",
                dir.resolve("data").toString(),
                "0",
                stateFile.toString(),
                dir.resolve("log").toString())));
        command.add(command.indexOf("-cp"), "-D" + ProcessLedger.PROPERTY + "=" + ledgerDirectory);
        Process jvm = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile())
                .start();
        children.add(jvm);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (ServiceRecord.read(stateFile).isEmpty() && jvm.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        ServiceRecord record = ServiceRecord.read(stateFile)
                .orElseThrow(() -> new AssertionError("MariaDB did not start: " + readQuietly(dir.resolve("log"))));
        TrackedProcess mariadbd = record.servers().get(0);
        ProcessLedger ledger = new ProcessLedger(ledgerDirectory);
        assertThat(ledger.entries())
                .extracting(ProcessLedger.Entry::server, e -> e.owner().pid())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mariadbd, jvm.pid()));

        try {
            jvm.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs, mariadbd is left behind
            assertThat(mariadbd.isRunning()).isTrue();

            assertThat(ledger.stopOrphans(Duration.ofSeconds(20))).containsExactly(mariadbd);

            assertThat(mariadbd.isRunning()).isFalse();
            assertThat(ledger.entries()).isEmpty();
        } finally {
            mariadbd.stop(Duration.ofSeconds(5));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
