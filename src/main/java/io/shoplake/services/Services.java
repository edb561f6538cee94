package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Embedded servers running in this process for the duration of a command or test: start the ones needed, read
 * their URLs, close to stop them all. Servers start in parallel (MariaDB and PostgreSQL are separate processes).
 *
 * <pre>{@code
 * try (Services services = Services.start(EnumSet.of(ServiceKind.MARIADB, ServiceKind.MONGODB), dir)) {
 *     String mysqlUrl = services.url(ServiceKind.MARIADB);   // jdbc:mysql://127.0.0.1:PORT/shoplake
 *     EmbeddedMariaDb db = services.mariaDb();
 * }
 * }</pre>
 */
public final class Services implements AutoCloseable {

    private final Map<ServiceKind, EmbeddedService> running;

    private Services(Map<ServiceKind, EmbeddedService> running) {
        this.running = Collections.unmodifiableMap(new EnumMap<>(running));
    }

    /** Starts {@code kinds} on free ports, each keeping data under {@code directory/<service>}. */
    public static Services start(Set<ServiceKind> kinds, Path directory) {
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        kinds.forEach(kind -> ports.put(kind, 0));
        return start(ports, directory);
    }

    /** Starts each service on its given port (0: a free port), data under {@code directory/<service>}. */
    public static Services start(Map<ServiceKind, Integer> ports, Path directory) {
        requireNonNull(ports, "ports is null");
        requireNonNull(directory, "directory is null");
        Map<ServiceKind, CompletableFuture<EmbeddedService>> starting = new EnumMap<>(ServiceKind.class);
        // Own threads: the common pool has a single thread on a two-core machine.
        ExecutorService threads = Executors.newCachedThreadPool();
        ports.forEach((kind, port) -> starting.put(
                kind, CompletableFuture.supplyAsync(() -> start(kind, directory.resolve(kind.id()), port), threads)));
        threads.shutdown();
        Map<ServiceKind, EmbeddedService> started = new EnumMap<>(ServiceKind.class);
        RuntimeException failure = null;
        for (var entry : starting.entrySet()) {
            try {
                started.put(entry.getKey(), entry.getValue().join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            new Services(started).close();
            throw failure;
        }
        return new Services(started);
    }

    /** Starts one server: the one place that maps a kind to its class. */
    public static EmbeddedService start(ServiceKind kind, Path dataDirectory, int port) {
        return switch (kind) {
            case MARIADB -> EmbeddedMariaDb.start(dataDirectory, port);
            case POSTGRES -> EmbeddedPostgres.start(dataDirectory, port);
            case KAFKA -> EmbeddedKafka.start(dataDirectory, port);
            case MONGODB -> EmbeddedMongo.start(dataDirectory, port);
        };
    }

    public Set<ServiceKind> kinds() {
        return running.keySet();
    }

    public EmbeddedService get(ServiceKind kind) {
        EmbeddedService service = running.get(kind);
        if (service == null) {
            throw new IllegalStateException(kind.id() + " was not started (running: " + running.keySet() + ")");
        }
        return service;
    }

    /** The URL of a running service (see {@link EmbeddedService#url()}). */
    public String url(ServiceKind kind) {
        return get(kind).url();
    }

    public EmbeddedMariaDb mariaDb() {
        return (EmbeddedMariaDb) get(ServiceKind.MARIADB);
    }

    public EmbeddedPostgres postgres() {
        return (EmbeddedPostgres) get(ServiceKind.POSTGRES);
    }

    public EmbeddedKafka kafka() {
        return (EmbeddedKafka) get(ServiceKind.KAFKA);
    }

    public EmbeddedMongo mongo() {
        return (EmbeddedMongo) get(ServiceKind.MONGODB);
    }

    /** Stops every server, in reverse start order; the first failure is rethrown after all were tried. */
    @Override
    public void close() {
        List<EmbeddedService> services = new ArrayList<>(running.values());
        Collections.reverse(services);
        RuntimeException failure = null;
        for (EmbeddedService service : services) {
            try {
                service.close();
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
    }
}
