package io.shoplake.services;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, on loopback, with replication
 * factors of 1. Its log folder is formatted on first start and reused afterwards.
 */
public final class EmbeddedKafka implements EmbeddedService {

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDirectory;

    private EmbeddedKafka(KafkaRaftServer server, int port, Path dataDirectory) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a broker with its logs in {@code dataDirectory} on {@code port} (0: a free port). */
    public static EmbeddedKafka start(Path dataDirectory, int port) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        Path data = dataDirectory.toAbsolutePath().normalize();
        int brokerPort = port == 0 ? Ports.free() : port;
        try {
            Path logs = Files.createDirectories(data.resolve("logs"));
            Path configFile = data.resolve("server.properties");
            int controllerPort = Ports.preferred(previousControllerPort(configFile));
            Properties props = properties(logs, brokerPort, controllerPort);
            try (var writer = Files.newBufferedWriter(configFile)) {
                props.store(writer, "written by shoplake EmbeddedKafka");
            }
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(configFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, data);
            try {
                kafka.awaitReady();
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
            return kafka;
        } catch (IOException | RuntimeException e) {
            throw new ServiceStartException(ServiceKind.KAFKA, e);
        }
    }

    static Properties properties(Path logs, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort),
                Map.entry(
                        "listeners",
                        "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + Ports.LOOPBACK + ":"
                                + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + Ports.LOOPBACK + ":" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logs.toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE))));
        return props;
    }

    /** The controller port of the last run, so a restart finds its quorum where it left it (0: none). */
    private static int previousControllerPort(Path configFile) throws IOException {
        if (!Files.exists(configFile)) {
            return 0;
        }
        Properties previous = new Properties();
        try (var reader = Files.newBufferedReader(configFile)) {
            previous.load(reader);
        }
        String voters = previous.getProperty("controller.quorum.voters", "");
        int colon = voters.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(voters.substring(colon + 1));
    }

    /** Formats a new log folder (a restart skips this and keeps its topics). */
    private static void format(Path configFile) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code = StorageTool.execute(
                new String[] {
                    "format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()
                },
                new PrintStream(captured, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new ServiceStartException("cannot format Kafka storage (exit " + code + "): "
                    + captured.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for Kafka on port " + port);
        } catch (ExecutionException | TimeoutException e) {
            throw new ServiceStartException("Kafka on port " + port + " did not become ready: " + e.getMessage());
        }
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates topics (one partition each unless given) and waits until they exist. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.KAFKA;
    }

    /** The bootstrap address, {@code 127.0.0.1:PORT}. */
    @Override
    public String url() {
        return bootstrapServers();
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
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
        server.shutdown();
        server.awaitShutdown();
    }
}
