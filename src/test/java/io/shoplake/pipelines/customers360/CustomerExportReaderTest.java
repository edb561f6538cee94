package io.shoplake.pipelines.customers360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.pipelines.customers360.generator.CustomersJsonGenerator;
import io.shoplake.pipelines.customers360.generator.CustomersJsonSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerExportReaderTest {

    private static List<CustomerExportReader.Record> read(String json, CustomerExportReader.Summary[] summary)
            throws Exception {
        List<CustomerExportReader.Record> records = new ArrayList<>();
        summary[0] = CustomerExportReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), records::add);
        return records;
    }

    @Test
    void eachRecordComesOutAsTheExactTextReceivedWithItsPositionAndOffset() throws Exception {
        String first = "{\"id\": 1, \"name\": \"Zoë\", \"transactions\": [{\"transaction_id\": 5, \"amount\": 1.50}]}";
        String second = "{\"id\":2,\"extra\":{\"a\":[1,2]}}";
        String json = "{\"exported_on\": \"2024-06-01\", \"customers\": [" + first + ",\n  " + second + "], \"n\": 2}";
        CustomerExportReader.Summary[] summary = new CustomerExportReader.Summary[1];

        List<CustomerExportReader.Record> records = read(json, summary);

        assertThat(records).extracting(CustomerExportReader.Record::rawJson).containsExactly(first, second);
        assertThat(records).extracting(CustomerExportReader.Record::position).containsExactly(0L, 1L);
        // Byte offsets count UTF-8 bytes: the second record starts after "ë" (2 bytes) in the first.
        int firstOffset = json.indexOf(first);
        assertThat(records.get(0).byteOffset()).isEqualTo(firstOffset);
        assertThat(records.get(1).byteOffset()).isEqualTo(json.indexOf(second) + 1);
        assertThat(summary[0].broken()).isEmpty();
        assertThat(summary[0].fields())
                .containsEntry("id", Map.of("number", 2L))
                .containsEntry("extra", Map.of("object", 1L))
                .containsEntry("transactions[].amount", Map.of("number", 1L))
                .doesNotContainKey("a");
    }

    @Test
    void aTruncatedDocumentDeliversTheRecordsBeforeTheBreakAndReportsIt() throws Exception {
        String json = "{\"customers\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3, \"name\": \"Ha";
        CustomerExportReader.Summary[] summary = new CustomerExportReader.Summary[1];

        List<CustomerExportReader.Record> records = read(json, summary);

        assertThat(records)
                .extracting(CustomerExportReader.Record::rawJson)
                .containsExactly("{\"id\": 1}", "{\"id\": 2}");
        CustomerExportReader.Break broken = summary[0].broken().orElseThrow();
        assertThat(broken.position()).isEqualTo(2);
        assertThat(broken.byteOffset()).isEqualTo(json.indexOf("{\"id\": 3"));
        assertThat(broken.partialText()).isEqualTo("{\"id\": 3, \"name\": \"Ha");
        assertThat(broken.reason())
                .startsWith("document breaks at byte ")
                .endsWith("; 2 records before the break were loaded, the rest of the file was not");
    }

    @Test
    void aDocumentWithoutACustomersArrayIsRejectedBeforeAnyRecord() {
        assertThatThrownBy(() -> read("{\"clients\": []}", new CustomerExportReader.Summary[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a JSON object with a \"customers\" array");
        assertThatThrownBy(() -> read("{\"customers\": {}}", new CustomerExportReader.Summary[1]))
                .hasMessage("\"customers\" must be an array, was: START_OBJECT");
    }

    /** The streamed parse in a child JVM whose heap is smaller than the file: it can only succeed by streaming. */
    @Test
    void aFileLargerThanTheHeapOfAChildJvmIsParsedRecordByRecord(@TempDir Path dir) throws Exception {
        int customers = 40_000;
        Path file = dir.resolve("customers-2024-06-01.json");
        new CustomersJsonGenerator(new CustomersJsonSettings(customers, LocalDate.of(2024, 6, 1), 3, 0.0, false))
                .write(file, n -> {});
        long heapBytes = 24L * 1024 * 1024;
        assertThat(Files.size(file)).isGreaterThan(heapBytes);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Xmx24m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExportParseProbe.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("records=" + customers + " bytes=" + Files.size(file), "broken=false");
            long maxHeap = Long.parseLong(output.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
            assertThat(maxHeap).isLessThan(Files.size(file));
        } finally {
            child.destroyForcibly();
        }
    }
}
