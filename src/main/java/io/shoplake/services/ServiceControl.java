package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Starts, inspects and stops embedded servers that outlive the command: each runs in its own background JVM
 * ({@link ServiceHost}) launched with this JVM's java binary, classpath and flags, and records itself in
 * {@code <stateDirectory>/<service>.json}. Stopping goes by recorded pid and start time, so servers left behind by a
 * killed host are stopped too, and a pid the system has since given to another process is never signalled.
 */
public final class ServiceControl {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path stateDirectory;

    /** {@code stateDirectory}: the lake's {@code state/services} folder. */
    public ServiceControl(Path stateDirectory) {
        this.stateDirectory = requireNonNull(stateDirectory, "stateDirectory is null")
                .toAbsolutePath()
                .normalize();
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    /** The state of each service, in {@link ServiceKind} order. */
    public List<ServiceStatus> status(Set<ServiceKind> kinds) {
        return kinds.stream().sorted().map(this::status).collect(Collectors.toList());
    }

    public ServiceStatus status(ServiceKind kind) {
        Optional<ServiceRecord> record = ServiceRecord.read(ServiceRecord.file(stateDirectory, kind));
        if (record.isEmpty()) {
            return new ServiceStatus(kind, ServiceStatus.State.STOPPED, record, "");
        }
        ServiceRecord recorded = record.get();
        if (recorded.host().isRunning()) {
            return new ServiceStatus(
                    kind,
                    ServiceStatus.State.RUNNING,
                    record,
                    Ports.accepts(recorded.port())
                            ? ""
                            : "not accepting connections on port " + recorded.port() + "; see " + recorded.log());
        }
        List<Long> orphans = recorded.servers().stream()
                .filter(TrackedProcess::isRunning)
                .map(TrackedProcess::pid)
                .toList();
        String note = "host " + recorded.hostPid() + " is gone"
                + (orphans.isEmpty() ? "" : "; orphaned server process " + orphans + " still runs")
                + "; run `services down` to clean up";
        return new ServiceStatus(kind, ServiceStatus.State.STALE, record, note);
    }

    /**
     * Starts each service that is not running (idempotent: running ones are left alone) and waits until every one
     * accepts connections. Stale records are cleaned up first. Services start in parallel.
     */
    public List<ServiceStatus> up(Set<ServiceKind> kinds, Duration timeout) {
        Map<ServiceKind, Process> launched = new EnumMap<>(ServiceKind.class);
        List<ServiceStatus> result = new ArrayList<>();
        for (ServiceKind kind : kinds.stream().sorted().toList()) {
            ServiceStatus current = status(kind);
            if (current.state() == ServiceStatus.State.RUNNING) {
                continue;
            }
            if (current.state() == ServiceStatus.State.STALE) {
                stop(kind);
            }
            launched.put(kind, launch(kind));
        }
        RuntimeException failure = null;
        for (ServiceKind kind : kinds.stream().sorted().toList()) {
            Process host = launched.get(kind);
            if (host == null) {
                result.add(withNote(status(kind), "already running"));
                continue;
            }
            try {
                ServiceRecord record = awaitRecord(kind, host, timeout);
                if (!Ports.awaitAccepting(record.port(), Duration.ofSeconds(10))) {
                    throw new ServiceStartException(kind.id() + " recorded port " + record.port()
                            + " but does not accept connections; see " + record.log());
                }
                result.add(new ServiceStatus(kind, ServiceStatus.State.RUNNING, Optional.of(record), "started"));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /**
     * Stops each service that has a record: its host JVM (SIGTERM, which stops the server cleanly; SIGKILL after 20 s),
     * then any server process the record names that is still alive (orphans of a killed host); removes the records.
     * A recorded pid is signalled only while the process at that pid has the recorded start time.
     */
    public List<ServiceStatus> down(Set<ServiceKind> kinds) {
        // In parallel (own threads: the common pool has one thread on two cores): each host takes seconds to stop.
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<CompletableFuture<ServiceStatus>> stopping = kinds.stream()
                    .sorted()
                    .map(kind -> CompletableFuture.supplyAsync(() -> stop(kind), threads))
                    .toList();
            return stopping.stream().map(CompletableFuture::join).collect(Collectors.toList());
        } finally {
            threads.shutdown();
        }
    }

    private ServiceStatus stop(ServiceKind kind) {
        Path file = ServiceRecord.file(stateDirectory, kind);
        Optional<ServiceRecord> record = ServiceRecord.read(file);
        if (record.isEmpty()) {
            return new ServiceStatus(kind, ServiceStatus.State.STOPPED, record, "was not running");
        }
        List<String> stopped = new ArrayList<>();
        TrackedProcess host = record.get().host();
        if (host.stop(STOP_GRACE)) {
            stopped.add("host " + host.pid());
        }
        for (TrackedProcess server : record.get().servers()) {
            if (server.stop(STOP_GRACE)) {
                stopped.add("orphaned server " + server.pid());
            }
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
        return new ServiceStatus(
                kind,
                ServiceStatus.State.STOPPED,
                record,
                stopped.isEmpty() ? "no process was left" : "stopped " + String.join(", ", stopped));
    }

    private Process launch(ServiceKind kind) {
        try {
            Files.createDirectories(stateDirectory);
            Path log = stateDirectory.resolve(kind.id() + ".log");
            List<String> command = hostCommand(List.of(
                    kind.id(),
                    stateDirectory.resolve(kind.id()).toString(),
                    String.valueOf(Ports.preferred(kind.preferredPort())),
                    ServiceRecord.file(stateDirectory, kind).toString(),
                    log.toString()));
            return new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new ServiceStartException(kind, e);
        }
    }

    /**
     * This JVM's java binary, flags and classpath running {@link ServiceHost}; under {@code setsid} when available
     * so the host leaves the terminal's process group and survives the command's exit and a Ctrl-C.
     */
    static List<String> hostCommand(List<String> hostArguments) {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent would clash on its port; the host needs none.
            if (!flag.startsWith("-agentlib:jdwp") && !flag.startsWith("-Xrunjdwp")) {
                command.add(flag);
            }
        }
        // The host records its server processes in the same ledger as this JVM (tests set it at run time).
        String ledger = System.getProperty(ProcessLedger.PROPERTY);
        if (ledger != null
                && command.stream().noneMatch(flag -> flag.startsWith("-D" + ProcessLedger.PROPERTY + "="))) {
            command.add("-D" + ProcessLedger.PROPERTY + "=" + ledger);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServiceHost.class.getName());
        command.addAll(hostArguments);
        return command;
    }

    private ServiceRecord awaitRecord(ServiceKind kind, Process host, Duration timeout) {
        Path file = ServiceRecord.file(stateDirectory, kind);
        Path log = stateDirectory.resolve(kind.id() + ".log");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<ServiceRecord> record = ServiceRecord.read(file).filter(r -> r.hostPid() == host.pid());
            if (record.isPresent()) {
                return record.get();
            }
            if (!host.isAlive()) {
                throw new ServiceStartException(
                        kind.id() + " did not start: " + lastError(log) + " (log: " + log + ")");
            }
            sleep(100);
        }
        host.destroyForcibly();
        throw new ServiceStartException(
                kind.id() + " did not start within " + timeout.toSeconds() + " s (log: " + log + ")");
    }

    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.stream()
                    .filter(line -> line.startsWith("error: "))
                    .reduce((a, b) -> b)
                    .map(line -> line.substring("error: ".length()))
                    .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "no log";
        }
    }

    private static ServiceStatus withNote(ServiceStatus status, String note) {
        return new ServiceStatus(status.kind(), status.state(), status.record(), note);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for services");
        }
    }
}
