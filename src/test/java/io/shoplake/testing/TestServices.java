package io.shoplake.testing;

import io.shoplake.services.EmbeddedKafka;
import io.shoplake.services.EmbeddedMariaDb;
import io.shoplake.services.EmbeddedMongo;
import io.shoplake.services.EmbeddedPostgres;
import io.shoplake.services.EmbeddedService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Real embedded servers shared by every test in a test JVM: each starts on first use (on a free loopback port, data
 * in a temp folder) and stops when the JVM exits. Tests isolate themselves with a fresh database or topic name
 * instead of a fresh server, which keeps the suite fast.
 *
 * <pre>{@code
 * String url = TestServices.freshMySqlDatabase();          // jdbc:mysql://127.0.0.1:PORT/t_1a2b3c4d, user root, no password
 * String pg = TestServices.freshPostgresDatabase();        // jdbc:postgresql://127.0.0.1:PORT/t_..., user postgres
 * String bootstrap = TestServices.kafka().bootstrapServers();
 * TestServices.send(topic, List.of("a", "b"));             // two records on the shared broker, flushed
 * String mongo = TestServices.mongo().url();               // mongodb://127.0.0.1:PORT
 * }</pre>
 *
 * A test that needs to stop or restart a server starts its own with {@code EmbeddedMariaDb.start(dir, 0)} etc.
 */
public final class TestServices {

    private TestServices() {}

    private static final class MariaDbHolder {
        static final EmbeddedMariaDb SERVER = startShared("mariadb", EmbeddedMariaDb::start);
    }

    private static final class PostgresHolder {
        static final EmbeddedPostgres SERVER = startShared("postgres", EmbeddedPostgres::start);
    }

    private static final class KafkaHolder {
        static final EmbeddedKafka SERVER = startShared("kafka", EmbeddedKafka::start);
    }

    private static final class MongoHolder {
        static final EmbeddedMongo SERVER = startShared("mongodb", EmbeddedMongo::start);
    }

    /** The shared MariaDB (MySQL protocol); user {@code root}, no password. */
    public static EmbeddedMariaDb mariaDb() {
        return MariaDbHolder.SERVER;
    }

    /** The shared PostgreSQL; user {@code postgres}, any password. */
    public static EmbeddedPostgres postgres() {
        return PostgresHolder.SERVER;
    }

    /** The shared single-node Kafka broker. */
    public static EmbeddedKafka kafka() {
        return KafkaHolder.SERVER;
    }

    /** The shared MongoDB wire-protocol server (in memory). */
    public static EmbeddedMongo mongo() {
        return MongoHolder.SERVER;
    }

    /** A new, empty database on the shared MariaDB; returns its JDBC URL. */
    public static String freshMySqlDatabase() {
        String name = uniqueName();
        mariaDb().createDatabase(name);
        return mariaDb().jdbcUrl(name);
    }

    /** A new, empty database on the shared PostgreSQL; returns its JDBC URL. */
    public static String freshPostgresDatabase() {
        String name = uniqueName();
        postgres().createDatabase(name);
        return postgres().jdbcUrl(name);
    }

    /** A topic name no other test uses, e.g. {@code t_1a2b3c4d} (Kafka creates it on first write). */
    public static String freshTopic() {
        return uniqueName();
    }

    /**
     * Sends each value (no key) to a topic on the shared Kafka broker, in order, and waits until all are written;
     * fails if any was not.
     */
    public static void send(String topic, List<String> values) {
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                // One request in flight: on a loaded machine a request that timed out is retried while up to four
                // later ones were appended, and the broker, which remembers only the last five, then rejects the
                // retry as out of sequence for ever (seen in CI: records missing from the topic).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"))) {
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, value)));
            }
            producer.flush();
            for (Future<?> record : sent) {
                record.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "a record was not written to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Runs SQL statements over JDBC (e.g. to create and fill source tables in a test). */
    public static void execute(String jdbcUrl, String user, String... statements) {
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, user, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("SQL failed on " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static String uniqueName() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static <S extends EmbeddedService> S startShared(String name, BiFunction<Path, Integer, S> start) {
        try {
            Path directory = Files.createTempDirectory("shoplake-test-" + name);
            S server = start.apply(directory, 0);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    server.close();
                                } finally {
                                    deleteQuietly(directory);
                                }
                            },
                            "stop-test-" + name));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the test " + name, e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at JVM exit: a leftover temp folder is harmless.
        }
    }
}
