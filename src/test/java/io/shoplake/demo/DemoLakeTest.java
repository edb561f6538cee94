package io.shoplake.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo never deletes a folder it did not create. */
class DemoLakeTest {

    @TempDir
    Path temp;

    @Test
    void aMissingOrEmptyFolderBecomesADemoLake() throws IOException {
        Demo.prepareLake(temp.resolve("new"));
        assertThat(temp.resolve("new/" + DemoSettings.MARKER)).exists();
        Files.createDirectories(temp.resolve("empty"));
        Demo.prepareLake(temp.resolve("empty"));
        assertThat(temp.resolve("empty/" + DemoSettings.MARKER)).exists();
    }

    @Test
    void anEarlierDemoLakeIsRecreatedEmpty() throws IOException {
        Path lake = temp.resolve("demo");
        Demo.prepareLake(lake);
        Files.createDirectories(lake.resolve("silver/orders"));
        Files.writeString(lake.resolve("silver/orders/data.parquet"), "x");
        Demo.prepareLake(lake);
        try (var entries = Files.list(lake)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of(DemoSettings.MARKER));
        }
    }

    @Test
    void aFolderWithOtherContentIsRefusedAndLeftAlone() throws IOException {
        Path lake = temp.resolve("lake");
        Files.createDirectories(lake.resolve("silver"));
        assertThatThrownBy(() -> Demo.prepareLake(lake))
                .isInstanceOf(DemoException.class)
                .hasMessage("refusing to reuse " + lake + ": it is not empty and not an earlier demo's lake (no "
                        + ".shoplake-demo file); choose another --lake");
        assertThat(lake.resolve("silver")).isDirectory();
    }

    @Test
    void theStepsAreTheDocumentedFlowInOrder() {
        assertThat(Demo.steps())
                .extracting(Demo.Step::name)
                .containsExactly(
                        "start embedded MariaDB and MongoDB",
                        "generate orders (with defects)",
                        "load MySQL",
                        "ingest MySQL into bronze over JDBC",
                        "build silver with quarantine",
                        "order-pattern report",
                        "next-order prediction, buyer list to MongoDB",
                        "customer 360: nested JSON to a star schema, two days",
                        "membership applications: validate, members, exports",
                        "industry swings: customers, a live Kafka stream of orders, the top 3",
                        "summary of every table",
                        "stop services",
                        "dashboard");
    }
}
