package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Pid files of the server processes (mariadbd, postgres) that embedded servers start outside the JVM. A JVM killed
 * with SIGKILL cannot stop its servers; the next embedded server start (or {@code .ci/run} at exit) reads these
 * files and stops exactly the recorded processes whose owning JVM is gone, by pid, and only when the process at that
 * pid still has the recorded start time.
 *
 * <p>One file per server, {@code <service>-<pid>.pid}, with lines {@code service=}, {@code pid=},
 * {@code start_time=}, {@code owner_pid=} and {@code owner_start_time=} (start times as in {@link TrackedProcess}).
 * The folder is the system property {@value #PROPERTY} (the build sets {@code target/process-ledger} for tests),
 * else {@code <java.io.tmpdir>/shoplake-processes}.
 */
public final class ProcessLedger {

    public static final String PROPERTY = "shoplake.process-ledger";

    /** How long a recorded server gets to stop after SIGTERM before SIGKILL. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private static final String SUFFIX = ".pid";

    private final Path directory;

    public ProcessLedger(Path directory) {
        this.directory =
                requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
    }

    /** The ledger of this JVM: the folder named by {@value #PROPERTY}, else {@code <tmp>/shoplake-processes}. */
    public static ProcessLedger standard() {
        String configured = System.getProperty(PROPERTY);
        return new ProcessLedger(
                configured == null || configured.isBlank()
                        ? Path.of(System.getProperty("java.io.tmpdir"), "shoplake-processes")
                        : Path.of(configured));
    }

    public Path directory() {
        return directory;
    }

    /**
     * One recorded server process and the JVM that started it.
     *
     * @param file the pid file
     * @param service the service name, e.g. {@code mariadb}
     * @param server the server process
     * @param owner the JVM that started it
     */
    public record Entry(Path file, String service, TrackedProcess server, TrackedProcess owner) {
        public Entry {
            requireNonNull(file, "file is null");
            requireNonNull(service, "service is null");
            requireNonNull(server, "server is null");
            requireNonNull(owner, "owner is null");
        }
    }

    /** Records a server process started by this JVM; returns its pid file (give it to {@link #forget}). */
    public Path record(ServiceKind kind, TrackedProcess server) {
        return record(kind, server, TrackedProcess.current());
    }

    /**
     * Records a process started by this JVM that is not one of the embedded services (e.g. a Spark worker a cluster
     * test starts), under {@code service}; returns its pid file.
     */
    public Path record(String service, TrackedProcess server) {
        return record(service, server, TrackedProcess.current());
    }

    Path record(ServiceKind kind, TrackedProcess server, TrackedProcess owner) {
        return record(kind.id(), server, owner);
    }

    private Path record(String service, TrackedProcess server, TrackedProcess owner) {
        if (!service.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("service must be lower-case letters, digits and '-', was: " + service);
        }
        Path file = directory.resolve(service + "-" + server.pid() + SUFFIX);
        String text = "service=" + service + "\n"
                + "pid=" + server.pid() + "\n"
                + "start_time=" + server.startTime() + "\n"
                + "owner_pid=" + owner.pid() + "\n"
                + "owner_start_time=" + owner.startTime() + "\n";
        try {
            Files.createDirectories(directory);
            // Written aside, then renamed: a reader in another JVM never sees half a file.
            Path temp = directory.resolve(file.getFileName() + "." + owner.pid() + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a pid file once its server was stopped. */
    public void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pid file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every readable pid file, by file name; unreadable ones are skipped (and never acted upon). */
    public List<Entry> entries() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList()) {
                read(file).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /**
     * Stops the recorded servers whose owner JVM no longer runs (SIGTERM, SIGKILL after {@code grace}) and removes
     * their files; a file whose server no longer runs, or runs with another start time (its pid was reused), is
     * removed without signalling anything. Servers of running JVMs (a parallel test run, {@code services up}) are
     * left alone. Returns the processes it stopped.
     */
    public List<TrackedProcess> stopOrphans(Duration grace) {
        List<TrackedProcess> stopped = new ArrayList<>();
        for (Entry entry : entries()) {
            if (entry.owner().isRunning()) {
                continue;
            }
            if (entry.server().stop(grace)) {
                stopped.add(entry.server());
            }
            forget(entry.file());
        }
        return stopped;
    }

    private static Optional<Entry> read(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
            return Optional.of(new Entry(
                    file,
                    required(properties, "service"),
                    new TrackedProcess(
                            Long.parseLong(required(properties, "pid")),
                            Long.parseLong(required(properties, "start_time"))),
                    new TrackedProcess(
                            Long.parseLong(required(properties, "owner_pid")),
                            Long.parseLong(required(properties, "owner_start_time")))));
        } catch (IOException | RuntimeException e) {
            // Gone meanwhile (another JVM cleaned it up) or not ours to interpret: never a reason to signal.
            return Optional.empty();
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value.trim();
    }
}
