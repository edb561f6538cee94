package io.shoplake.pipelines.industries;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.quality.DqResults;
import io.shoplake.sources.files.FileStatus;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Customers drops against the real customers file of the brief, then a later drop with changes and defects. */
class CustomersIngestTest {

    private static final String SHUFFLESTER = "89690dc5-db68-4020-983c-60b4ce7fb791"; // "Ploymer" in the file

    @TempDir
    Path dir;

    @Test
    void theRealFileIsMatchedToTheReferenceListAndALaterDropWins() throws Exception {
        Path data = SharedData.require("industries");
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        CustomersIngest ingest = new CustomersIngest(lake);

        // Counted with a CSV reader outside shoplake: 38 customers, 9 without an industry, 39 industry values
        // (Polymer 5 + the one 'Ploymer').
        CustomersIngest.Result first = ingest.ingest(
                data.resolve("Customers.csv"),
                Optional.of(ReferenceIndustries.fromCsv(data.resolve("Industries.csv"))),
                "run-1");
        assertThat(List.of(
                        first.rowsIn(),
                        first.customersMerged(),
                        first.customersQuarantined(),
                        first.industriesKept(),
                        first.industriesCorrected(),
                        first.industriesQuarantined()))
                .containsExactly(38L, 38L, 0L, 39L, 1L, 0L);
        assertThat(first.corrections()).containsExactly("'Ploymer' -> 'Polymer' (1 row)");
        assertThat(first.reference().names()).isEqualTo(ReferenceIndustries.DEFAULT.names());
        assertThat(lake.read(IndustryTables.CUSTOMERS).count()).isEqualTo(38);
        assertThat(lake.read(IndustryTables.CUSTOMER_INDUSTRIES).count()).isEqualTo(39);
        assertThat(lake.read(IndustryTables.CUSTOMERS)
                        .where("size(industries) = 0")
                        .count())
                .isEqualTo(9);
        assertThat(industries(lake, SHUFFLESTER)).containsExactly("Polymer");
        assertThat(lake.read(IndustryTables.CUSTOMER_INDUSTRIES)
                        .where(col("industry").equalTo("Polymer"))
                        .count())
                .isEqualTo(6);
        // Skyba is one company name under two customer ids: two customers.
        assertThat(lake.read(IndustryTables.CUSTOMERS)
                        .where(col("company_name").equalTo("Skyba"))
                        .count())
                .isEqualTo(2);
        List<String> warnings = new DqResults(lake)
                .all().collectAsList().stream()
                        .map(r -> r.getAs("action") + " " + r.getAs("table_name") + " " + r.getAs("rows_failed") + " "
                                + r.getAs("expectation"))
                        .toList();
        assertThat(warnings)
                .containsExactly("WARN silver.industry_customer_industries 1 industry in the reference list "
                        + "(corrected 'Ploymer' -> 'Polymer')");

        // A later drop: Shufflester changes industries (one unknown), a new customer with a near miss, a customer
        // twice in the drop (the last line wins), a line without an id, and a re-delivered unchanged row.
        Path drop = dir.resolve("customers-2.csv");
        Files.writeString(drop, """
                customer_id,company_name,specialized_industries
                %s,Shufflester,"Food; polymer ;Plastics"
                n1,Newco,"cosmetic"
                n2,Twice,"Food"
                ,Nobody,"Food"
                n2,Twice,"Cleaning"
                06ec6a8a-c3d9-4b06-bab2-fd4af45f0788,Skilith,"Colours"
                """.formatted(SHUFFLESTER));
        CustomersIngest.Result second = ingest.ingest(drop, Optional.empty(), "run-2");
        assertThat(List.of(
                        second.rowsIn(),
                        second.customersMerged(),
                        second.superseded(),
                        second.customersQuarantined(),
                        second.industriesKept(),
                        second.industriesCorrected(),
                        second.industriesQuarantined()))
                .containsExactly(6L, 4L, 1L, 1L, 5L, 1L, 1L);
        assertThat(lake.read(IndustryTables.CUSTOMERS).count()).isEqualTo(40);
        assertThat(industries(lake, SHUFFLESTER)).containsExactly("Food", "Polymer");
        assertThat(industries(lake, "n1")).containsExactly("Cosmetics");
        assertThat(industries(lake, "n2")).containsExactly("Cleaning");
        // 39 - Shufflester's 1 + its 2 + n1 + n2
        assertThat(lake.read(IndustryTables.CUSTOMER_INDUSTRIES).count()).isEqualTo(42);
        assertThat(new Quarantine(lake)
                        .of(IndustryTables.CUSTOMER_INDUSTRIES).collectAsList().stream()
                                .map(r -> r.getLong(1) + " " + r.getString(3))
                                .toList())
                .containsExactly("2 unknown industry: 'Plastics' (not within 2 edits of a reference industry)");
        assertThat(new Quarantine(lake)
                        .of(IndustryTables.CUSTOMERS).collectAsList().stream()
                                .map(r -> r.getLong(1) + " " + r.getString(3))
                                .toList())
                .containsExactly("5 missing customer_id");

        // The same drop again (another name, same bytes): loaded once.
        Path again = dir.resolve("customers-2-copy.csv");
        Files.copy(drop, again);
        CustomersIngest.Result third = ingest.ingest(again, Optional.empty(), "run-3");
        assertThat(third.files()).extracting(f -> f.status()).containsExactly(FileStatus.ALREADY_LOADED);
        assertThat(lake.read(IndustryTables.CUSTOMERS).count()).isEqualTo(40);
    }

    @Test
    void aValueNearTwoReferenceIndustriesIsNotGuessed() {
        ReferenceIndustries reference = new ReferenceIndustries(List.of("Food", "Feed", "Oil&Gas"));
        assertThat(reference.match(" FOOD ").industry()).contains("Food");
        assertThat(reference.match("Foox").industry()).contains("Food");
        assertThat(reference.match("Foox").corrected()).isTrue();
        assertThat(reference.match("Fed").reason())
                .contains("unknown industry: 'Fed' (within 2 edits of Food and Feed)");
        assertThat(reference.match("oil & gas").industry()).contains("Oil&Gas");
        assertThat(reference.match("Petrol").reason())
                .contains("unknown industry: 'Petrol' (not within 2 edits of a reference industry)");
    }

    private static List<String> industries(Lakehouse lake, String customer) {
        return lake
                .read(IndustryTables.CUSTOMER_INDUSTRIES)
                .where(col("customer_id").equalTo(customer))
                .orderBy("industry")
                .collectAsList()
                .stream()
                .map(r -> r.getString(1))
                .toList();
    }
}
