package io.shoplake.pipelines.memberships;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs over small drops: each run exports exactly the rows its new files brought, unparsable ones included. */
class MembershipIngestTest {

    @TempDir
    Path dir;

    @Test
    void eachRunExportsItsNewRowsOnceAndAReRunWritesNothing() throws Exception {
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path out = dir.resolve("out");
        Files.writeString(drop.resolve("a.csv"), """
                name,email,date_of_birth,mobile_no
                Mr. Ann Lee,Ann_Lee@x.org,1990-01-01,1234
                "Kim Ray, Jr.",bad email,31-12-2010,12345678
                Bo Tan,Bo_Tan@x.com,1980/05/06,1234 5678,extra
                """);
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        MembershipIngest ingest = new MembershipIngest(lake);
        LocalDate asOf = LocalDate.of(2022, 1, 1);

        MembershipIngest.Report first = ingest.run(drop, out, asOf, "run1");
        assertThat(List.of(first.newRows(), first.newSuccessful(), first.newUnsuccessful(), first.newUnparsable()))
                .containsExactly(3L, 0L, 2L, 1L);
        assertThat(Files.readAllLines(out.resolve("successful/run1.csv")))
                .containsExactly("membership_id,first_name,last_name,email,date_of_birth,mobile_no,above_18");
        assertThat(Files.readAllLines(out.resolve("unsuccessful/run1.csv")))
                .containsExactly(
                        "name,email,date_of_birth,mobile_no,reasons",
                        "Mr. Ann Lee,Ann_Lee@x.org,1990-01-01,1234,mobile_not_8_digits;email_domain_not_com_or_net",
                        "\"Kim Ray, Jr.\",bad email,31-12-2010,12345678,under_18;email_invalid",
                        ",,,,\"unparsable_record: expected 4 fields, found 5: Bo Tan,Bo_Tan@x.com,1980/05/06,1234 5678,extra\"");

        Files.writeString(drop.resolve("b.csv"), """
                name,email,date_of_birth,mobile_no
                Dr. Sean Wang DDS,Sean_Wang@gibson.com,1960-03-11,2559-5367
                """);
        MembershipIngest.Report second = ingest.run(drop, out, asOf, "run2");
        assertThat(List.of(second.filesLoaded(), second.filesAlreadyLoaded(), second.newRows(), second.newSuccessful()))
                .containsExactly(1L, 1L, 1L, 1L);
        assertThat(List.of(second.applications(), second.members())).containsExactly(3L, 1L);
        // printf 19600311 | sha256sum -> 04168617...
        assertThat(Files.readAllLines(out.resolve("successful/run2.csv")))
                .containsExactly(
                        "membership_id,first_name,last_name,email,date_of_birth,mobile_no,above_18",
                        "Wang_04168,Sean,Wang,Sean_Wang@gibson.com,19600311,25595367,true");
        assertThat(Files.readAllLines(out.resolve("unsuccessful/run2.csv")))
                .containsExactly("name,email,date_of_birth,mobile_no,reasons");

        MembershipIngest.Report third = ingest.run(drop, out, asOf, "run3");
        assertThat(List.of(third.filesLoaded(), third.newRows(), (long)
                        third.exports().size()))
                .containsExactly(0L, 0L, 0L);
        assertThat(files(out.resolve("successful"))).containsExactly("run1.csv", "run2.csv");
        assertThat(files(out.resolve("unsuccessful"))).containsExactly("run1.csv", "run2.csv");
        assertThat(lake.read(GoldMembers.TABLE).count()).isEqualTo(1);
    }

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
