package io.shoplake.cli.industries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.pipelines.industries.IndustryTables;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestServices;
import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records Kafka deletes before the stream has read them (retention ran, the topic was re-created) stop the stream
 * with one line saying so and how to go on, instead of being skipped in silence; {@code --allow-data-loss} skips them.
 */
class StreamDataLossTest {

    @Test
    void recordsDeletedBeforeTheStreamReadThemStopItUnlessAllowed(@TempDir Path dir) throws Exception {
        List<String> messages = new ArrayList<>();
        new IndustryOrdersGenerator(
                        List.of("c1", "c2"),
                        List.of(new IndustryOrdersGenerator.Product("p1", new BigDecimal("10.00"))),
                        new OrdersGeneratorSettings(
                                LocalDate.of(2023, 3, 1), LocalDate.of(2023, 3, 2), 7, 5, 5, 1, 2, 0.0, 0.0))
                .forEach(messages::add);
        assertThat(messages).hasSize(10);
        String topic = TestServices.freshTopic();
        TestServices.kafka().createTopic(topic, 1);
        Path lake = dir.resolve("lake");
        String[] stream = {
            "stream",
            "industry-orders",
            "--lake",
            lake.toString(),
            "--kafka",
            TestServices.kafka().bootstrapServers(),
            "--topic",
            topic,
            "--checkpoint",
            dir.resolve("checkpoint").toString(),
            "--available-now"
        };

        TestServices.send(topic, messages.subList(0, 4));
        CliResult first = CliTestSupport.run(stream);
        assertThat(first.exitCode()).as(first.err()).isZero();

        // Offsets 4..9 arrive; retention then deletes everything before offset 7: 4, 5 and 6 were never read.
        TestServices.send(topic, messages.subList(4, 10));
        TestServices.kafka()
                .admin()
                .deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(7)))
                .all()
                .get();

        CliResult stopped = CliTestSupport.run(stream);
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err().strip().lines()).hasSize(1);
        assertThat(stopped.err())
                .startsWith("error: Kafka no longer has records of " + topic + " this stream had not read (")
                .contains(topic + "-0")
                .contains("Run again with --allow-data-loss to skip them");
        assertThat(orderIds(TestSpark.freshLake(lake)))
                .as("nothing written past the loss")
                .hasSize(4);

        List<String> allowing = new ArrayList<>(List.of(stream));
        allowing.add("--allow-data-loss");
        CliResult skipped = CliTestSupport.run(allowing.toArray(String[]::new));
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        Set<String> expected = new HashSet<>(orderIdsOf(messages.subList(0, 4)));
        expected.addAll(orderIdsOf(messages.subList(7, 10)));
        assertThat(orderIds(TestSpark.freshLake(lake))).isEqualTo(expected);
    }

    private static Set<String> orderIds(Lakehouse lake) {
        return lake.read(IndustryTables.ORDERS).select("order_id").collectAsList().stream()
                .map(r -> r.getString(0))
                .collect(Collectors.toSet());
    }

    private static Set<String> orderIdsOf(List<String> messages) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String message : messages) {
            ids.add(json.readTree(message).get("order_id").asText());
        }
        return ids;
    }
}
