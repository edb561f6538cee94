package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A server process an embedded server started outside the JVM, recorded in the {@link ProcessLedger} while it runs
 * so that it can be stopped by pid and start time even if this JVM is killed.
 */
final class RecordedServer {

    private final TrackedProcess process;
    private final ProcessLedger ledger;
    private final Path pidFile;

    private RecordedServer(TrackedProcess process, ProcessLedger ledger, Path pidFile) {
        this.process = requireNonNull(process, "process is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.pidFile = requireNonNull(pidFile, "pidFile is null");
    }

    /**
     * Before a server starts: stops what killed JVMs left behind in the ledger (their servers hold memory and,
     * under {@code services up}, the preferred ports).
     */
    static void stopOrphans() {
        ProcessLedger.standard().stopOrphans(ProcessLedger.STOP_GRACE);
    }

    /** Records the running server process at {@code pid}, started by this JVM. */
    static RecordedServer record(ServiceKind kind, long pid) {
        TrackedProcess process = TrackedProcess.of(pid)
                .orElseThrow(() -> new ServiceStartException(kind.id() + " server process " + pid + " is not running"));
        ProcessLedger ledger = ProcessLedger.standard();
        return new RecordedServer(process, ledger, ledger.record(kind, process));
    }

    TrackedProcess process() {
        return process;
    }

    /**
     * After the server library's own shutdown: stops the process by pid if it still runs (SIGTERM, SIGKILL after
     * the grace period), then removes its pid file.
     */
    void ensureStopped() {
        process.stop(ProcessLedger.STOP_GRACE);
        ledger.forget(pidFile);
    }
}
