package io.shoplake.cli.memberships;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two real application files end to end through {@code ingest applications}, then a re-run of the same drop. */
class IngestApplicationsCommandTest {

    @TempDir
    Path dir;

    @Test
    void theRealApplicationFilesEndToEnd() throws Exception {
        Path data = SharedData.require("membership-applications");
        Path drop = Files.createDirectories(dir.resolve("drop"));
        for (String file : List.of("applications_dataset_1.csv", "applications_dataset_2.csv")) {
            Files.createSymbolicLink(drop.resolve(file), data.resolve(file));
        }
        Path lakeDir = dir.resolve("lake");
        Path out = dir.resolve("out");
        TestSpark.spark(); // the CLI borrows the shared session instead of starting and stopping its own

        CliResult first = CliTestSupport.run(
                "ingest",
                "applications",
                "--from",
                drop.toString(),
                "--out",
                out.toString(),
                "--lake",
                lakeDir.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("files: 2 loaded, 0 already loaded; as of 2022-01-01")
                .contains("new applications: 4999 (706 successful, 4293 unsuccessful, 0 unparsable)")
                .contains("silver.applications: 4999 rows; gold.members: 706 rows");
        assertThat(first.err())
                .contains("warning: membership ids held by more than one member")
                .contains("Williamson_2b72a");

        Lakehouse lake = TestSpark.freshLake(lakeDir);
        var silver = lake.read(TableId.silver("applications"));
        assertThat(silver.count()).isEqualTo(4999);
        // Counts per reason from an independent script over the two files (Python, not this code).
        Map<String, Long> reasons =
                silver.selectExpr("explode(reasons) AS reason").groupBy("reason").count().collectAsList().stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertThat(reasons)
                .isEqualTo(Map.of(
                        "mobile_not_8_digits", 3758L,
                        "email_domain_not_com_or_net", 1476L,
                        "under_18", 1063L,
                        "date_of_birth_impossible", 1L,
                        "date_of_birth_before_1900", 1L));

        String file1 =
                drop.resolve("applications_dataset_1.csv").toAbsolutePath().toString();
        // Hand-picked rows of dataset 1 (line numbers as in the file, header = line 1).
        assertThat(row(silver, file1, 101))
                .isEqualTo("Lori|Torres|null|false|date_of_birth_impossible;mobile_not_8_digits");
        assertThat(row(silver, file1, 150))
                .isEqualTo("Carla|Hayes|null|false|date_of_birth_before_1900;mobile_not_8_digits");
        assertThat(row(silver, file1, 56))
                .isEqualTo("Larry|Grimes|false|false|under_18;mobile_not_8_digits;email_domain_not_com_or_net");
        // 05/08/2006 is 8 May 2006 (month first with slashes): under 18; "3631 6303" is a valid mobile.
        assertThat(row(silver, file1, 27)).isEqualTo("Travis|Rice|false|false|under_18");
        assertThat(row(silver, file1, 31)).isEqualTo("Sean|Wang|true|true|");

        // Membership ids of hand-computed rows: SHA-256 computed here, not by the code under test.
        Map<String, String> ids = lake.read(TableId.gold("members")).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("email")), r -> r.getString(0)));
        assertThat(ids).hasSize(706);
        assertThat(ids.get("Sean_Wang@gibson-calderon.com")).isEqualTo("Wang_" + sha5("19600311"));
        assertThat(ids.get("Jackson_Cline@hudson.net")).isEqualTo("Cline_" + sha5("19710121"));
        // Two applicants born 10 March 1954 named Williamson (one written 10-03-1954, one 1954/03/10): both kept.
        assertThat(ids.get("Kenneth_Williamson@perez.com")).isEqualTo("Williamson_" + sha5("19540310"));
        assertThat(ids.get("Bethany_Williamson@flores.com")).isEqualTo("Williamson_" + sha5("19540310"));
        assertThat(sha5("19540310")).isEqualTo("2b72a");
        List<Row> warnings = lake.read(TableId.ops("dq_results"))
                .where(col("table_name").equalTo("gold.members"))
                .collectAsList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getAs("action").toString()).isEqualTo("WARN");
        assertThat((Long) warnings.get(0).getAs("rows_failed")).isEqualTo(2L);

        // Every input row is in exactly one of the two files.
        List<Path> successful = list(out.resolve("successful"));
        List<Path> unsuccessful = list(out.resolve("unsuccessful"));
        assertThat(successful).hasSize(1);
        assertThat(unsuccessful).hasSize(1);
        List<String> ok = Files.readAllLines(successful.get(0));
        List<String> failed = Files.readAllLines(unsuccessful.get(0));
        assertThat(ok.get(0)).isEqualTo("membership_id,first_name,last_name,email,date_of_birth,mobile_no,above_18");
        assertThat(failed.get(0)).isEqualTo("name,email,date_of_birth,mobile_no,reasons");
        assertThat(ok)
                .contains(
                        "Wang_" + sha5("19600311") + ",Sean,Wang,Sean_Wang@gibson-calderon.com,19600311,25595367,true");
        assertThat(failed)
                .contains(
                        "Lori Torres,Lori_Torres@hill.net,1996/02/31,5795175,date_of_birth_impossible;mobile_not_8_digits");
        List<String> exportedEmails = new ArrayList<>();
        ok.stream().skip(1).forEach(line -> exportedEmails.add(line.split(",")[3]));
        failed.stream().skip(1).forEach(line -> exportedEmails.add(line.split(",")[1]));
        List<String> inputEmails = new ArrayList<>();
        for (String file : List.of("applications_dataset_1.csv", "applications_dataset_2.csv")) {
            Files.readAllLines(data.resolve(file)).stream()
                    .skip(1)
                    .forEach(line -> inputEmails.add(line.split(",")[1]));
        }
        assertThat(exportedEmails).hasSize(4999).containsExactlyInAnyOrderElementsOf(inputEmails);

        // The same drop again: nothing new, no new export files, the same tables.
        CliResult again = CliTestSupport.run(
                "ingest",
                "applications",
                "--from",
                drop.toString(),
                "--out",
                out.toString(),
                "--lake",
                lakeDir.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .contains("files: 0 loaded, 2 already loaded")
                .contains("new applications: 0 (0 successful, 0 unsuccessful, 0 unparsable)")
                .contains("exports: none (no new rows)")
                .contains("gold.members: 706 rows");
        assertThat(list(out.resolve("successful"))).isEqualTo(successful);
        assertThat(list(out.resolve("unsuccessful"))).isEqualTo(unsuccessful);
    }

    /** first|last|above_18|successful|reasons of one silver row. */
    private static String row(org.apache.spark.sql.Dataset<Row> silver, String file, long line) {
        List<Row> rows = silver.where(
                        col("source_file").equalTo(file).and(col("source_line").equalTo(line)))
                .selectExpr("first_name", "last_name", "above_18", "successful", "array_join(reasons, ';')")
                .collectAsList();
        assertThat(rows).as(file + ":" + line).hasSize(1);
        Row r = rows.get(0);
        return r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3) + "|" + r.get(4);
    }

    private static String sha5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest).substring(0, 5);
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
