package io.shoplake.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code services status/down} signal a recorded pid only while it has the recorded start time (real processes
 * stand in for the host and the server; {@code ServicesCommandTest} runs real hosts).
 */
class ServiceControlTest {

    @TempDir
    Path state;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private TrackedProcess sleeper() throws Exception {
        Process child = new ProcessBuilder("sleep", "600").start();
        children.add(child);
        return TrackedProcess.of(child.pid()).orElseThrow();
    }

    private void record(TrackedProcess host, TrackedProcess server) {
        new ServiceRecord(
                        "mariadb",
                        "jdbc:mysql://127.0.0.1:1/shoplake",
                        "root",
                        1,
                        host,
                        List.of(server),
                        state.resolve("mariadb").toString(),
                        state.resolve("mariadb.log").toString(),
                        Instant.parse("2026-01-02T03:04:05Z"))
                .write(ServiceRecord.file(state, ServiceKind.MARIADB));
    }

    @Test
    void recordedPidsNowUsedByOtherProcessesAreReportedGoneAndNeverSignalled() throws Exception {
        TrackedProcess host = sleeper();
        TrackedProcess server = sleeper();
        // Both recorded processes exited long ago; the system gave their pids to the two sleepers.
        record(new TrackedProcess(host.pid(), host.startTime() - 1), new TrackedProcess(server.pid(), 7));
        ServiceControl control = new ServiceControl(state);

        ServiceStatus status = control.status(ServiceKind.MARIADB);
        assertThat(status.state()).isEqualTo(ServiceStatus.State.STALE);
        assertThat(status.note()).isEqualTo("host " + host.pid() + " is gone; run `services down` to clean up");

        List<ServiceStatus> down = control.down(EnumSet.of(ServiceKind.MARIADB));
        assertThat(down).extracting(ServiceStatus::note).containsExactly("no process was left");
        Thread.sleep(200);
        assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).isTrue());
        assertThat(ServiceRecord.file(state, ServiceKind.MARIADB)).doesNotExist();
    }

    @Test
    void recordedHostAndServerThatStillRunAreStoppedByPid() throws Exception {
        TrackedProcess host = sleeper();
        TrackedProcess server = sleeper();
        record(host, server);
        ServiceControl control = new ServiceControl(state);

        ServiceStatus status = control.status(ServiceKind.MARIADB);
        assertThat(status.state()).isEqualTo(ServiceStatus.State.RUNNING);

        List<ServiceStatus> down = control.down(EnumSet.of(ServiceKind.MARIADB));
        assertThat(down)
                .extracting(ServiceStatus::note)
                .containsExactly("stopped host " + host.pid() + ", orphaned server " + server.pid());
        for (Process child : children) {
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(control.status(ServiceKind.MARIADB).state()).isEqualTo(ServiceStatus.State.STOPPED);
    }
}
