package io.shoplake.cli.customers360;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The customer-360 commands, {@code quality report} and {@code maintain} through the CLI on one small day. */
class Customers360CommandsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void generateIngestBuildReportAndMaintain(@TempDir Path dir) throws Exception {
        String lake = dir.resolve("lake").toString();
        CliResult generated = CliTestSupport.run(
                "generate",
                "customers-json",
                "--customers",
                "40",
                "--day",
                "2024-06-01",
                "--out",
                dir.toString(),
                "--defects",
                "0.2",
                "--json");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        Path file = dir.resolve("customers-2024-06-01.json");
        JsonNode document = MAPPER.readTree(file.toFile());
        assertThat(document.get("customers").size()).isEqualTo(40);
        assertThat(MAPPER.readTree(generated.out()).get("customers").asLong()).isEqualTo(40);

        CliResult ingested =
                CliTestSupport.run("ingest", "customers-json", "--from", file.toString(), "--lake", lake, "--json");
        assertThat(ingested.exitCode()).as(ingested.err()).isZero();
        JsonNode files = MAPPER.readTree(ingested.out()).get("files");
        assertThat(files.get(0).get("status").asText()).isEqualTo("LOADED");
        assertThat(files.get(0).get("records").asLong()).isEqualTo(40);

        CliResult built = CliTestSupport.run("build", "customers360", "--lake", lake, "--json");
        assertThat(built.exitCode()).as(built.err()).isZero();
        JsonNode build = MAPPER.readTree(built.out());
        assertThat(build.get("day").asText()).isEqualTo("2024-06-01");
        assertThat(build.get("records").asLong()).isEqualTo(40);
        assertThat(build.get("customers").asLong()
                        + build.get("duplicate_records").asLong()
                        + build.get("quarantined_records").asLong())
                .isEqualTo(40);

        CliResult report = CliTestSupport.run(
                "quality", "report", "--table", "silver.c360_customers", "--days", "3", "--lake", lake, "--json");
        assertThat(report.exitCode()).as(report.err()).isZero();
        JsonNode lines = MAPPER.readTree(report.out()).get("lines");
        assertThat(lines).isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(line.get("table").asText()).isEqualTo("silver.c360_customers");
            assertThat(line.get("checks").asLong()).isEqualTo(1);
        }
        assertThat(lines.findValuesAsText("expectation"))
                .contains("customer_typed", "email_valid", "total_spent_matches_transactions");

        CliResult maintained = CliTestSupport.run(
                "maintain",
                "--table",
                "ops.dq_results",
                "--expire-older-than-days",
                "0",
                "--retain-last",
                "1",
                "--lake",
                lake,
                "--json");
        assertThat(maintained.exitCode()).as(maintained.err()).isZero();
        JsonNode result = MAPPER.readTree(maintained.out()).get(0);
        // Three appends (the ingest's drift check, the silver and the gold step) compact into one file.
        assertThat(result.get("snapshots_before").asLong()).isEqualTo(3);
        assertThat(result.get("files_added").asLong()).isEqualTo(1);
        assertThat(result.get("files_rewritten").asLong()).isGreaterThan(1);
        assertThat(result.get("snapshots_after").asLong()).isEqualTo(1);

        CliResult again =
                CliTestSupport.run("ingest", "customers-json", "--from", file.toString(), "--lake", lake, "--json");
        assertThat(MAPPER.readTree(again.out())
                        .get("files")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("ALREADY_LOADED");
    }

    @Test
    void usageErrorsAreOneLine(@TempDir Path dir) throws Exception {
        Path unnamed = dir.resolve("export.json");
        Files.writeString(unnamed, "{\"customers\": []}");

        CliResult noDay = CliTestSupport.run(
                "ingest",
                "customers-json",
                "--from",
                unnamed.toString(),
                "--lake",
                dir.resolve("lake").toString());
        CliResult badRate = CliTestSupport.run(
                "generate",
                "customers-json",
                "--customers",
                "5",
                "--day",
                "2024-06-01",
                "--out",
                dir.toString(),
                "--defects",
                "0.9");
        CliResult noTable =
                CliTestSupport.run("maintain", "--lake", dir.resolve("lake").toString());

        assertThat(noDay.exitCode()).isEqualTo(2);
        assertThat(noDay.err())
                .isEqualTo(
                        "error: no day for export.json: name it customers-YYYY-MM-DD.json or give --day YYYY-MM-DD\n");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).isEqualTo("error: defect rate must be between 0 and 0.5, was: 0.9\n");
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).isEqualTo("error: name --table LAYER.NAME or --layer LAYER (each repeatable)\n");
    }
}
