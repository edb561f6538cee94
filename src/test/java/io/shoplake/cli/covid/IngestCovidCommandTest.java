package io.shoplake.cli.covid;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest covid --from FILE} on the captured Singapore response, end to end through the CLI. */
class IngestCovidCommandTest {

    private static final String RESPONSE =
            "membership-applications/section4-covid-api-samples/singapore_country_status_confirmed.json";

    @TempDir
    Path temp;

    @Test
    void loadsTheSavedResponseIntoSilverAndGoldOnceAndTheFiguresMatchTheFile() {
        Path file = SharedData.require(RESPONSE);
        String lake = temp.resolve("lake").toString();

        CliResult first = CliTestSupport.run("ingest", "covid", "--from", file.toString(), "--lake", lake);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("1142 records from " + file + " into bronze.api_covid")
                .containsPattern("silver\\.covid_cases\\s+\\|?\\s*1142")
                .containsPattern("gold\\.covid_daily\\s+\\|?\\s*1142");

        // Cumulative counts in the file (looked up by hand): 2022-01-25 322770, 2022-01-31 352811, 2022-02-01 359075.
        // new_cases 2022-02-01 = 359075 - 352811 = 6264; avg_7d = (359075 - 322770) / 7 = 5186.428571...
        CliResult day = CliTestSupport.run(
                "sql",
                "--lake",
                lake,
                "--json",
                "SELECT country, cumulative, new_cases, round(avg_7d, 6) AS avg_7d FROM gold.covid_daily "
                        + "WHERE country_code = 'SG' AND date = DATE'2022-02-01'");
        assertThat(day.exitCode()).as(day.err()).isZero();
        assertThat(day.out().replaceAll("\\s", ""))
                .contains("\"country\":\"Singapore\"")
                .contains("\"cumulative\":359075")
                .contains("\"new_cases\":6264")
                .contains("\"avg_7d\":5186.428571");

        CliResult again = CliTestSupport.run("ingest", "covid", "--from", file.toString(), "--lake", lake);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains(file + " was loaded before (same content): nothing new in bronze.api_covid")
                .containsPattern("gold\\.covid_daily\\s+\\|?\\s*1142");
    }

    @Test
    void aFileThatIsNotTheApiShapeIsQuarantinedWithAOneLineError() throws Exception {
        Path file = temp.resolve("broken.json");
        Files.writeString(file, "{\"message\": \"rate limited\"}");

        CliResult result = CliTestSupport.run(
                "ingest",
                "covid",
                "--from",
                file.toString(),
                "--lake",
                temp.resolve("lake").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip())
                .isEqualTo("error: " + file + " is malformed (the body is not a JSON array (give --records-path when "
                        + "the records are inside an object)): quarantined in quarantine.bronze_api_covid");
    }
}
