package io.shoplake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tables, runs and sql through the real CLI entry point on a real (temporary) lake. */
class LakeCommandsTest {

    @TempDir
    Path lake;

    /** An existing lake: read-only commands refuse a folder without one (IngestSafetyCommandsTest). */
    @org.junit.jupiter.api.BeforeEach
    void existingLake() throws java.io.IOException {
        java.nio.file.Files.createDirectories(lake.resolve("warehouse"));
    }

    @Test
    void sqlPrintsJsonArraysWithNullsAndCsvWithQuoting() {
        CliResult json = CliTestSupport.run(
                "sql", "SELECT 1 AS n, CAST(NULL AS STRING) AS s, 'a,b' AS t", "--json", "--lake", lake.toString());
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().strip()).isEqualTo("[\n  {\"n\":1,\"s\":null,\"t\":\"a,b\"}\n]");

        CliResult csv = CliTestSupport.run("sql", "SELECT 1 AS n, 'a,b' AS t", "--csv", "--lake", lake.toString());
        assertThat(csv.out().strip()).isEqualTo("n,t\n1,\"a,b\"");
    }

    @Test
    void queriesSeeTablesWrittenThroughTheLake() {
        assertThat(CliTestSupport.run("sql", "CREATE TABLE gold.t (id INT) USING iceberg", "--lake", lake.toString())
                        .exitCode())
                .isZero();
        CliTestSupport.run("sql", "INSERT INTO gold.t VALUES (1), (2)", "--lake", lake.toString());

        CliResult tables = CliTestSupport.run("tables", "--json", "--lake", lake.toString());
        assertThat(tables.exitCode()).isZero();
        assertThat(tables.out()).contains("\"table\" : \"gold.t\"").contains("\"rows\" : 2");
    }

    @Test
    void anUnknownTableIsAUsageErrorOnOneLine() {
        CliResult result = CliTestSupport.run("sql", "SELECT * FROM silver.nothing", "--lake", lake.toString());
        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err().strip())
                .startsWith("error: invalid query: [TABLE_OR_VIEW_NOT_FOUND]")
                .doesNotContain("\n");
    }

    @Test
    void runsOnAnEmptyLakeIsAnEmptyTable() {
        CliResult result = CliTestSupport.run("runs", "--lake", lake.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("run_id").contains("(0 rows)");
    }

    @Test
    void badConfigIsAUsageError() throws Exception {
        Path config = lake.resolve("bad.yaml");
        java.nio.file.Files.writeString(config, "nonsense: 1\n");
        CliResult result = CliTestSupport.run("tables", "--config", config.toString(), "--lake", lake.toString());
        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.err()).startsWith("error: " + config + ": unknown key 'nonsense'");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(CliTestSupport.run("bogus").exitCode()).isEqualTo(Main.USAGE);
    }
}
