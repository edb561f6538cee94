package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a service host wrote about the server it runs: enough to connect to it and to stop every process it
 * started, even after the host itself was killed. Stored as {@code <state>/services/<service>.json}.
 *
 * @param service the service name, e.g. {@code mariadb}
 * @param url the connection URL
 * @param user the user to connect as ("" when none)
 * @param port the loopback port
 * @param host the service host JVM, by pid and start time
 * @param servers server processes outside the host JVM (mariadbd, postgres), by pid and start time
 * @param dataDir where the server keeps its data
 * @param log the host's log file
 * @param startedAt when the server became ready
 */
public record ServiceRecord(
        String service,
        String url,
        String user,
        int port,
        TrackedProcess host,
        List<TrackedProcess> servers,
        String dataDir,
        String log,
        Instant startedAt) {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public ServiceRecord {
        requireNonNull(service, "service is null");
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        servers = List.copyOf(requireNonNull(servers, "servers is null"));
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(log, "log is null");
        requireNonNull(startedAt, "startedAt is null");
    }

    public long hostPid() {
        return host.pid();
    }

    public List<Long> serverPids() {
        return servers.stream().map(TrackedProcess::pid).toList();
    }

    public ServiceKind kind() {
        return ServiceKind.parse(service);
    }

    /** The state file of a service under the services state folder. */
    public static Path file(Path stateDirectory, ServiceKind kind) {
        return stateDirectory.resolve(kind.id() + ".json");
    }

    /** Writes atomically (temp file, then rename), so a reader never sees half a record. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write service state " + file, e);
        }
    }

    /** The record in {@code file}; empty when there is none. An unreadable file is an error naming it. */
    public static Optional<ServiceRecord> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ServiceRecord.class));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "unreadable service state " + file + ": "
                            + e.getMessage().lines().findFirst().orElse("") + " (delete it if no server runs)",
                    e);
        }
    }
}
