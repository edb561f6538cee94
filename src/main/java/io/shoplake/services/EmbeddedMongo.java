package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A MongoDB wire-protocol server inside this JVM (de.bwaldvogel mongo-java-server, in-memory backend) for tests and
 * the demo; data lives only as long as the server. Production points at a real MongoDB by URI instead.
 */
public final class EmbeddedMongo implements EmbeddedService {

    private final MongoServer server;
    private final int port;
    private final Path dataDirectory;

    private EmbeddedMongo(MongoServer server, int port, Path dataDirectory) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the server on {@code port} (0: a free port); {@code dataDirectory} is reported, not used. */
    public static EmbeddedMongo start(Path dataDirectory, int port) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind(Ports.LOOPBACK, port);
            InetSocketAddress address = server.getLocalAddress();
            return new EmbeddedMongo(
                    server, address.getPort(), dataDirectory.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new ServiceStartException(ServiceKind.MONGODB, e);
        }
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.MONGODB;
    }

    /** {@code mongodb://127.0.0.1:PORT}. */
    @Override
    public String url() {
        return "mongodb://" + Ports.LOOPBACK + ":" + port;
    }

    @Override
    public String user() {
        return "";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public List<TrackedProcess> processes() {
        return List.of();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
