package io.shoplake.pipelines.customers360;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.customers360.generator.CustomersJsonGenerator;
import io.shoplake.pipelines.customers360.generator.CustomersJsonSettings;
import io.shoplake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's exports through ingest and build over three days, reconciled against counts computed here from
 * the JSON with a plain ObjectMapper (not the pipeline's code); then a re-run, and a truncated fourth day.
 */
class Customers360EndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final LocalDate DAY1 = LocalDate.of(2024, 6, 1);
    private static final int CUSTOMERS = 150;

    /** What a file should give, computed from its JSON tree. */
    private record Expected(int records, int untypable, Map<Long, String> identities, Set<Long> validTransactionIds) {}

    @Test
    void threeDaysReconcileKeepScd2VersionsAndReRunToTheSameTables(@TempDir Path dir) throws Exception {
        Path exports = dir.resolve("exports");
        Files.createDirectories(exports);
        List<Expected> expected = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            CustomersJsonSettings settings = new CustomersJsonSettings(CUSTOMERS, DAY1.plusDays(d), 7, 0.15, false);
            Path file = exports.resolve(settings.fileName());
            new CustomersJsonGenerator(settings).write(file, n -> {});
            expected.add(expectedOf(MAPPER.readTree(file.toFile())));
        }
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        CustomerExportIngest ingest = new CustomerExportIngest(lake, Customers360Config.DEFAULT, line -> {});
        List<CustomerExportIngest.FileResult> loaded =
                ingest.ingest(CustomerExportIngest.plan(exports, Optional.empty()), "run-ingest");
        assertThat(loaded)
                .extracting(CustomerExportIngest.FileResult::status)
                .containsOnly(CustomerExportIngest.Status.LOADED);
        Customers360Build build = new Customers360Build(lake, Customers360Config.DEFAULT);

        List<Customers360Build.Result> results = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            LocalDate day = DAY1.plusDays(d);
            Expected e = expected.get(d);
            Customers360Build.Result result = build.build(day, "run-" + d);
            results.add(result);
            String source = exports.resolve("customers-" + day + ".json")
                    .toAbsolutePath()
                    .toString();
            long bronze = lake.read(Customers360Tables.BRONZE)
                    .where(col("day").equalTo(lit(Date.valueOf(day))))
                    .count();
            long quarantined = lake.read(Customers360Tables.CUSTOMERS.quarantine())
                    .where(col("source").equalTo(lit(source)))
                    .count();
            long checks = lake.read(Customers360Tables.CHECKS)
                    .where(col("day").equalTo(lit(Date.valueOf(day))))
                    .count();
            // bronze = silver + quarantine, for every day.
            assertThat(bronze).isEqualTo(e.records());
            assertThat(quarantined).isEqualTo(e.untypable());
            assertThat(result.customers()).isEqualTo(e.identities().size());
            assertThat(bronze).isEqualTo(result.customers() + result.duplicateRecords() + quarantined);
            assertThat(checks).isEqualTo(6L * e.identities().size());
        }
        // Day 2 touches what changed, not every customer.
        assertThat(results.get(1).customersChanged()).isPositive().isLessThan(CUSTOMERS / 2);

        // Fact rows = valid transactions (every valid id seen on any day).
        Set<Long> validIds = new HashSet<>();
        expected.forEach(e -> validIds.addAll(e.validTransactionIds()));
        assertThat(lake.read(Customers360Tables.TRANSACTIONS).count()).isEqualTo(validIds.size());
        assertThat(lake.read(Customers360Tables.FACT_TRANSACTIONS).count()).isEqualTo(validIds.size());
        assertThat(lake.read(Customers360Tables.FACT_TRANSACTIONS)
                        .where(col("customer_key").isNull())
                        .count())
                .isZero();

        // SCD2: one version per run of equal (name, email) over the days a customer was in the export.
        Map<Long, List<String>> history = new HashMap<>();
        for (Expected e : expected) {
            e.identities()
                    .forEach((id, identity) ->
                            history.computeIfAbsent(id, k -> new ArrayList<>()).add(identity));
        }
        long versions = 0;
        long changedCustomers = 0;
        for (List<String> identities : history.values()) {
            long runs = 1;
            for (int i = 1; i < identities.size(); i++) {
                if (!identities.get(i).equals(identities.get(i - 1))) {
                    runs++;
                }
            }
            versions += runs;
            changedCustomers += runs > 1 ? 1 : 0;
        }
        assertThat(changedCustomers).isPositive();
        var dim = lake.read(Customers360Tables.DIM_CUSTOMER);
        assertThat(dim.count()).isEqualTo(versions);
        assertThat(dim.where(col("is_current")).count()).isEqualTo(history.size());
        assertThat(dim.where(col("is_current").and(col("valid_to").equalTo(lit(Date.valueOf("9999-12-31")))))
                        .count())
                .isEqualTo(history.size());
        // A customer present all three days whose identity changed between day 1 and day 2.
        Long changed = history.entrySet().stream()
                .filter(h -> h.getValue().size() == 3
                        && !h.getValue().get(0).equals(h.getValue().get(1))
                        && h.getValue().get(1).equals(h.getValue().get(2)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        if (changed != null) {
            List<String> rows =
                    dim.where(col("customer_id").equalTo(lit(changed))).orderBy("valid_from").collectAsList().stream()
                            .map(r -> r.getAs("valid_from") + ".." + r.getAs("valid_to") + " " + r.getAs("is_current"))
                            .toList();
            assertThat(rows)
                    .containsExactly(DAY1 + ".." + DAY1.plusDays(1) + " false", DAY1.plusDays(1) + "..9999-12-31 true");
        }

        // Re-running the last day gives the same tables.
        Map<TableId, List<String>> before = contents(lake);
        build.build(DAY1.plusDays(2), "run-again");
        assertThat(contents(lake)).isEqualTo(before);

        // A truncated fourth day: everything before the break loads, the break is quarantined.
        CustomersJsonSettings truncated = new CustomersJsonSettings(CUSTOMERS, DAY1.plusDays(3), 7, 0.15, true);
        Path cut = dir.resolve(truncated.fileName());
        new CustomersJsonGenerator(truncated).write(cut, n -> {});
        long completeRecords = new String(Files.readAllBytes(cut), StandardCharsets.UTF_8)
                .chars()
                .filter(c -> c == '\n')
                .count();
        List<CustomerExportIngest.FileResult> partial =
                ingest.ingest(CustomerExportIngest.plan(cut, Optional.empty()), "run-cut");
        assertThat(partial.get(0).status()).isEqualTo(CustomerExportIngest.Status.LOADED_UP_TO_BREAK);
        assertThat(partial.get(0).records()).isEqualTo(completeRecords);
        assertThat(lake.read(Customers360Tables.BRONZE)
                        .where(col("day").equalTo(lit(Date.valueOf(DAY1.plusDays(3)))))
                        .count())
                .isEqualTo(completeRecords);
        List<Row> broken = lake.read(Customers360Tables.BRONZE.quarantine()).collectAsList();
        assertThat(broken).hasSize(1);
        assertThat((Long) broken.get(0).getAs("line")).isEqualTo(completeRecords);
        assertThat((String) broken.get(0).getAs("reason"))
                .contains("records before the break were loaded, the rest of the file was not");
        // The same content again is skipped by the file ledger.
        assertThat(ingest.ingest(CustomerExportIngest.plan(cut, Optional.empty()), "run-cut-2")
                        .get(0)
                        .status())
                .isEqualTo(CustomerExportIngest.Status.ALREADY_LOADED);
    }

    private static Map<TableId, List<String>> contents(Lakehouse lake) {
        Map<TableId, List<String>> all = new LinkedHashMap<>();
        List<TableId> tables = new ArrayList<>(Customers360Tables.SILVER);
        tables.addAll(Customers360Tables.GOLD);
        for (TableId table : tables) {
            all.put(
                    table,
                    lake.read(table).collectAsList().stream()
                            .map(Row::toString)
                            .sorted()
                            .toList());
        }
        for (TableId table : List.of(Customers360Tables.CUSTOMERS, Customers360Tables.TRANSACTIONS)) {
            all.put(
                    table.quarantine(),
                    lake
                            .read(table.quarantine())
                            .select("source", "line", "raw_record", "reason")
                            .collectAsList()
                            .stream()
                            .map(Row::toString)
                            .sorted()
                            .toList());
        }
        return all;
    }

    /** The counts the pipeline must reproduce, computed from the document by rules written out here. */
    private static Expected expectedOf(JsonNode document) {
        JsonNode customers = document.get("customers");
        int untypable = 0;
        Map<Long, String> identities = new LinkedHashMap<>();
        Set<Long> valid = new HashSet<>();
        for (JsonNode c : customers) {
            boolean typable = c.isObject()
                    && c.path("id").isIntegralNumber()
                    && dateOrAbsent(c.get("signup_date"))
                    && dateOrAbsent(c.get("last_purchase"))
                    && (c.get("total_spent") == null
                            || c.get("total_spent").isNull()
                            || c.get("total_spent").isNumber());
            if (!typable) {
                untypable++;
                continue;
            }
            identities.put(
                    c.get("id").asLong(),
                    c.path("name").asText(null) + "|" + c.path("email").asText(null));
            for (JsonNode t : c.path("transactions")) {
                if (t.path("transaction_id").isIntegralNumber()
                        && t.path("amount").isNumber()
                        && t.path("product_id").isIntegralNumber()
                        && t.hasNonNull("date")
                        && dateOrAbsent(t.get("date"))) {
                    valid.add(t.get("transaction_id").asLong());
                }
            }
        }
        return new Expected(customers.size(), untypable, identities, valid);
    }

    private static boolean dateOrAbsent(JsonNode node) {
        if (node == null || node.isNull()) {
            return true;
        }
        try {
            LocalDate.parse(node.asText());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
