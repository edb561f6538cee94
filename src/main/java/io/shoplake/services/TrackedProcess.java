package io.shoplake.services;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An operating-system process named by its pid and its start time, so that a pid the kernel has since handed to
 * another process is never signalled.
 *
 * <p>The start time is, on Linux, field 22 of {@code /proc/<pid>/stat} (clock ticks after boot: the value scripts
 * compare too, see {@code .ci/run}); elsewhere the JDK's start instant in epoch milliseconds.
 *
 * @param pid the process id
 * @param startTime when that process started, in the unit above
 */
public record TrackedProcess(long pid, long startTime) {

    private static final Path PROC = Path.of("/proc");

    public TrackedProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was: " + pid);
        }
    }

    /** The running process at {@code pid}; empty when none runs there (or its start time cannot be read). */
    public static Optional<TrackedProcess> of(long pid) {
        OptionalLong start = startTimeOf(pid);
        return start.isPresent() ? Optional.of(new TrackedProcess(pid, start.getAsLong())) : Optional.empty();
    }

    /** This JVM. */
    public static TrackedProcess current() {
        long pid = ProcessHandle.current().pid();
        return of(pid).orElseThrow(() -> new IllegalStateException("cannot read the start time of this JVM " + pid));
    }

    /** True when a live process runs at {@link #pid()} and it is the one that started at {@link #startTime()}. */
    @JsonIgnore // a live observation, not part of the record
    public boolean isRunning() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                && startTimeOf(pid).equals(OptionalLong.of(startTime));
    }

    /**
     * Stops this process if it still runs: SIGTERM, then SIGKILL when it has not exited after {@code grace}.
     * Returns false, signalling nothing, when no process with this pid and start time runs.
     */
    public boolean stop(Duration grace) {
        // The handle remembers the start time it saw; the JDK checks it again when it signals.
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty() || !isRunning()) {
            return false;
        }
        handle.get().destroy();
        try {
            handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.get().destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            handle.get().destroyForcibly();
            handle.get().onExit().join();
        }
        return true;
    }

    /** The start time of the live process at {@code pid}, in this class's unit. */
    static OptionalLong startTimeOf(long pid) {
        if (Files.isDirectory(PROC.resolve("self"))) {
            return procStartTime(PROC.resolve(Long.toString(pid)).resolve("stat"));
        }
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().startInstant())
                .map(instant -> OptionalLong.of(instant.toEpochMilli()))
                .orElse(OptionalLong.empty());
    }

    /** Field 22 of a {@code /proc/<pid>/stat} file; field 2, the command, is in parentheses and may hold spaces. */
    static OptionalLong procStartTime(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return OptionalLong.empty(); // no such process (or it just exited)
        }
        return parseStartTime(line);
    }

    static OptionalLong parseStartTime(String statLine) {
        int commandEnd = statLine.lastIndexOf(')');
        if (commandEnd < 0) {
            return OptionalLong.empty();
        }
        String[] fields = statLine.substring(commandEnd + 1).trim().split("\\s+");
        // fields[0] is field 3 (the state), so field 22 is fields[19].
        if (fields.length < 20) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(fields[19]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
