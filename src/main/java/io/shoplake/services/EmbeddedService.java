package io.shoplake.services;

import java.nio.file.Path;
import java.util.List;

/** One running embedded server on loopback: its address, and the operating-system processes it owns. */
public interface EmbeddedService extends AutoCloseable {

    ServiceKind kind();

    /** The URL clients connect to: a JDBC URL, a Kafka bootstrap address or a {@code mongodb://} URI. */
    String url();

    /** The user to connect as (empty string when the server has no users). */
    String user();

    int port();

    /** The folder holding the server's data. */
    Path dataDirectory();

    /**
     * Server processes outside this JVM (the {@code mariadbd} or {@code postgres} process), by pid and start time;
     * empty for servers running inside the JVM. Recorded (see {@link ProcessLedger}) so they can be stopped even
     * when this JVM was killed.
     */
    List<TrackedProcess> processes();

    /** The pids of {@link #processes()}. */
    default List<Long> processIds() {
        return processes().stream().map(TrackedProcess::pid).toList();
    }

    /** Stops the server; data stays in {@link #dataDirectory()}. */
    @Override
    void close();
}
