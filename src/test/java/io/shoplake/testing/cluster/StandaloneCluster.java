package io.shoplake.testing.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.services.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on loopback: one master and {@code n} workers, each a JVM of its own started from
 * spark-core's {@code Master} and {@code Worker} classes with the test classpath.
 *
 * <p>A worker launches executors through Spark's launcher, which wants a Spark distribution's {@code jars/} folder
 * under {@code SPARK_HOME}; {@code SPARK_TESTING=1} tells it to rely on the classpath the application gives instead
 * ({@code spark.executor.extraClassPath}), and {@code SPARK_SCALA_VERSION} spares it looking for build folders.
 */
public final class StandaloneCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildJvm master;
    private final List<ChildJvm> workers;
    private final int port;
    private final int webUiPort;

    private StandaloneCluster(ChildJvm master, List<ChildJvm> workers, int port, int webUiPort) {
        this.master = master;
        this.workers = List.copyOf(workers);
        this.port = port;
        this.webUiPort = webUiPort;
    }

    /** Starts the master and {@code workers} workers of {@code cores} cores and {@code memory} each; waits for all. */
    public static StandaloneCluster start(
            Path work, String classpath, int workers, int cores, String memory, Duration timeout) {
        Path sparkHome = work.resolve("spark-home");
        Path logs = work.resolve("logs");
        Map<String, String> env =
                Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_TESTING", "1", "SPARK_SCALA_VERSION", "2.13");
        int port = Ports.free();
        int webUiPort = Ports.free();
        List<ChildJvm> started = new ArrayList<>();
        ChildJvm master = null;
        try {
            Files.createDirectories(sparkHome);
            master = ChildJvm.start(
                    "spark-master",
                    classpath,
                    "384m",
                    "org.apache.spark.deploy.master.Master",
                    List.of("--host", Ports.LOOPBACK, "--port", "" + port, "--webui-port", "" + webUiPort),
                    env,
                    logs);
            String url = "spark://" + Ports.LOOPBACK + ":" + port;
            for (int i = 1; i <= workers; i++) {
                Path dir = work.resolve("worker-" + i);
                Files.createDirectories(dir);
                started.add(ChildJvm.start(
                        "spark-worker-" + i,
                        classpath,
                        "256m",
                        "org.apache.spark.deploy.worker.Worker",
                        List.of(
                                "--host",
                                Ports.LOOPBACK,
                                "--port",
                                "" + Ports.free(),
                                "--webui-port",
                                "" + Ports.free(),
                                "--cores",
                                "" + cores,
                                "--memory",
                                memory,
                                "--work-dir",
                                dir.toString(),
                                url),
                        env,
                        logs));
            }
            StandaloneCluster cluster = new StandaloneCluster(master, started, port, webUiPort);
            cluster.awaitWorkers(workers, timeout);
            return cluster;
        } catch (IOException | RuntimeException e) {
            started.forEach(ChildJvm::close);
            if (master != null) {
                String tail = master.logTail(30);
                master.close();
                throw new IllegalStateException(
                        "the standalone cluster did not start: " + e.getMessage() + "\nmaster log:\n" + tail, e);
            }
            throw new IllegalStateException("the standalone cluster did not start: " + e.getMessage(), e);
        }
    }

    /** The master URL, {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://" + Ports.LOOPBACK + ":" + port;
    }

    /** The master's status as JSON ({@code /json/}: workers, cores used, applications). */
    public JsonNode status() throws IOException {
        try (InputStream in = URI.create("http://" + Ports.LOOPBACK + ":" + webUiPort + "/json/")
                .toURL()
                .openStream()) {
            return JSON.readTree(in);
        }
    }

    /** The pids of the master and the workers, master first. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(master.pid());
        workers.forEach(w -> pids.add(w.pid()));
        return pids;
    }

    private void awaitWorkers(int expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive()) {
                throw new IllegalStateException("the master exited");
            }
            try {
                JsonNode status = status();
                long alive = 0;
                for (JsonNode worker : status.path("workers")) {
                    if ("ALIVE".equals(worker.path("state").asText())) {
                        alive++;
                    }
                }
                last = alive + " of " + expected + " workers alive";
                if (alive == expected) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        StringBuilder logs = new StringBuilder();
        workers.forEach(w -> logs.append("\n").append(w.name()).append(":\n").append(w.logTail(20)));
        throw new IllegalStateException("workers not registered within " + timeout + " (" + last + ")" + logs);
    }

    /** Stops the workers (and with them their executors), then the master, each by pid. */
    @Override
    public void close() {
        workers.forEach(ChildJvm::close);
        master.close();
    }
}
