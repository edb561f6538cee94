package io.shoplake.testing.cluster;

import static java.util.Objects.requireNonNull;

import io.shoplake.services.ProcessLedger;
import io.shoplake.services.TrackedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JVM a test starts (a Spark master or worker, an HDFS), recorded in the process ledger so {@code .ci/run} stops it
 * when the test JVM is killed, and stopped by its pid.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final TrackedProcess tracked;
    private final Path pidFile;
    private final Path log;

    private ChildJvm(String name, Process process, TrackedProcess tracked, Path pidFile, Path log) {
        this.name = name;
        this.process = process;
        this.tracked = tracked;
        this.pidFile = pidFile;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code arguments} on {@code classpath}, this JVM's {@code --add-opens} flags and
     * {@code heap}, output to {@code <logs>/<name>.log}.
     */
    public static ChildJvm start(
            String name,
            String classpath,
            String heap,
            String mainClass,
            List<String> arguments,
            Map<String, String> environment,
            Path logs) {
        requireNonNull(name, "name is null");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(moduleFlags());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            TrackedProcess tracked = TrackedProcess.of(process.pid())
                    .orElseThrow(() -> new IllegalStateException(name + " exited at once; see " + log));
            Path pidFile = ProcessLedger.standard().record(name, tracked);
            return new ChildJvm(name, process, tracked, pidFile, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The {@code --add-opens} (and related) flags this JVM runs with, which Spark needs on Java 17. */
    public static List<String> moduleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .toList();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return tracked.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last {@code lines} of the JVM's output, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the JVM by its pid (SIGTERM, SIGKILL after a grace period) and removes its pid file. */
    @Override
    public void close() {
        tracked.stop(STOP_GRACE);
        ProcessLedger.standard().forget(pidFile);
    }
}
