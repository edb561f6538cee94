package io.shoplake.cli.industries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.pipelines.industries.IndustryTables;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill -9: {@code stream industry-orders} runs in a child JVM against the embedded broker, is killed with
 * SIGKILL in the middle of a micro-batch (after at least one committed batch, once the next batch's bronze rows are
 * in but before that batch is committed to the checkpoint), and is restarted with {@code --available-now}. Every
 * order and order line is then in silver exactly once and every message once in bronze; nothing is quarantined as a
 * duplicate of itself. The expected orders come from the produced messages, read here with Jackson.
 */
class StreamKillRestartTest {

    private static final int RECORDS_PER_BATCH = 40;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aStreamKilledMidBatchAndRestartedLosesAndDoublesNothing() throws Exception {
        List<String> messages = new ArrayList<>();
        new IndustryOrdersGenerator(
                        List.of("c1", "c2", "c3", "c4"),
                        List.of(
                                new IndustryOrdersGenerator.Product("p1", new BigDecimal("10.00")),
                                new IndustryOrdersGenerator.Product("p2", new BigDecimal("97.71"))),
                        new OrdersGeneratorSettings(
                                LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 20), 11, 10, 14, 1, 4, 0.0, 0.2))
                .forEach(messages::add);
        Set<String> orderIds = new HashSet<>();
        long lines = 0;
        ObjectMapper json = new ObjectMapper();
        for (String message : messages) {
            JsonNode order = json.readTree(message);
            orderIds.add(order.get("order_id").asText());
            lines += order.get("order_lines").size();
        }
        assertThat(orderIds).hasSize(messages.size()); // no defects: one order per message
        assertThat(messages.size()).isGreaterThan(4 * RECORDS_PER_BATCH);

        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 2);
        TestServices.send(topic, messages);
        Path lake = dir.resolve("lake");
        Path checkpoint = dir.resolve("checkpoint");
        Path log = dir.resolve("child.log");
        List<String> arguments = List.of(
                "stream",
                "industry-orders",
                "--lake",
                lake.toString(),
                "--kafka",
                TestServices.kafka().bootstrapServers(),
                "--topic",
                topic,
                "--checkpoint",
                checkpoint.toString());

        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(arguments);
        command.addAll(List.of("--trigger", "200ms", "--max-records-per-batch", "" + RECORDS_PER_BATCH));
        command.addAll(List.of("--refresh-every", "1h"));
        Process child = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(child);

        // At least one micro-batch committed to the checkpoint, then the next batch's bronze rows committed.
        Path bronzeMetadata = lake.resolve("warehouse/bronze/industry_orders_raw/metadata");
        await(() -> Files.exists(checkpoint.resolve("commits/0")), child, log, "a committed micro-batch");
        long bronzeVersions = versions(bronzeMetadata);
        await(() -> versions(bronzeMetadata) > bronzeVersions, child, log, "the next batch's bronze rows");
        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(child.waitFor()).isEqualTo(137);

        Lakehouse killed = TestSpark.freshLake(lake);
        long bronzeAtKill = killed.read(IndustryTables.BRONZE_ORDERS).count();
        long silverAtKill = killed.read(IndustryTables.ORDERS).count();
        assertThat(silverAtKill).as("killed mid-stream").isPositive().isLessThan(messages.size());
        assertThat(bronzeAtKill)
                .as("killed in the middle of a batch: its messages are in bronze, its orders not yet in silver")
                .isGreaterThan(silverAtKill);

        List<String> restart = new ArrayList<>(arguments);
        restart.add("--available-now");
        CliTestSupport.CliResult resumed = CliTestSupport.run(restart.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("stream stopped after batch");

        Lakehouse after = TestSpark.freshLake(lake);
        List<Row> orders = after.read(IndustryTables.ORDERS).select("order_id").collectAsList();
        assertThat(orders).hasSize(messages.size());
        assertThat(orders.stream().map(r -> r.getString(0)).collect(java.util.stream.Collectors.toSet()))
                .isEqualTo(orderIds);
        assertThat(after.read(IndustryTables.ORDER_LINES).count()).isEqualTo(lines);
        assertThat(after.read(IndustryTables.ORDER_LINES)
                        .select("order_id", "line_no")
                        .distinct()
                        .count())
                .isEqualTo(lines);
        assertThat(after.read(IndustryTables.BRONZE_ORDERS).count()).isEqualTo(messages.size());
        assertThat(after.read(IndustryTables.BRONZE_ORDERS)
                        .select("partition", "offset")
                        .distinct()
                        .count())
                .isEqualTo(messages.size());
        assertThat(
                        after.exists(IndustryTables.ORDERS.quarantine())
                                ? new Quarantine(after)
                                        .of(IndustryTables.ORDERS)
                                        .count()
                                : 0L)
                .isZero();
    }

    /** This JVM's java with its module flags, a small heap, the test classpath and the CLI's main class. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports")) {
                command.add(flag);
            }
        }
        command.addAll(List.of(
                "-Xmx768m",
                "-XX:TieredStopAtLevel=1", // a short-lived JVM: the quick compiler only, less CPU
                "-cp",
                System.getProperty("java.class.path"),
                io.shoplake.cli.Main.class.getName()));
        return command;
    }

    private static void await(BooleanSupplier condition, Process child, Path log, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " before the child "
                        + (child.isAlive() ? "timed out" : "exited with " + child.exitValue()) + "; its log:\n"
                        + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    private static long versions(Path metadata) {
        if (!Files.isDirectory(metadata)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(metadata)) {
            // vN.metadata.json only: Iceberg writes a temporary file first and renames it on commit
            return files.filter(p -> p.getFileName().toString().matches("v[0-9]+\\.metadata\\.json"))
                    .count();
        } catch (IOException e) {
            return 0; // listed while Iceberg renames a file: look again on the next poll
        }
    }
}
