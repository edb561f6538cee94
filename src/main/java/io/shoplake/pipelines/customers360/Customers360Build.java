package io.shoplake.pipelines.customers360;

import static io.shoplake.pipelines.customers360.Customers360Tables.BRONZE;
import static io.shoplake.pipelines.customers360.Customers360Tables.CHECKS;
import static io.shoplake.pipelines.customers360.Customers360Tables.CUSTOMERS;
import static io.shoplake.pipelines.customers360.Customers360Tables.CUSTOMER_TRANSACTIONS;
import static io.shoplake.pipelines.customers360.Customers360Tables.DIM_CUSTOMER;
import static io.shoplake.pipelines.customers360.Customers360Tables.DIM_DATE;
import static io.shoplake.pipelines.customers360.Customers360Tables.DIM_PRODUCT;
import static io.shoplake.pipelines.customers360.Customers360Tables.FACT_TRANSACTIONS;
import static io.shoplake.pipelines.customers360.Customers360Tables.JOB;
import static io.shoplake.pipelines.customers360.Customers360Tables.PRODUCTS;
import static io.shoplake.pipelines.customers360.Customers360Tables.TRANSACTIONS;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Action;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.ExpectationFailedException;
import io.shoplake.quality.ExpectationResult;
import io.shoplake.quality.ExpectationSuite;
import io.shoplake.quality.ProductionChecksConfig;
import io.shoplake.quality.QualityResult;
import io.shoplake.quality.ReferentialIntegrity;
import io.shoplake.quality.VolumeAnomaly;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code build customers360}: one export day from bronze into the five silver tables and the gold star, in two
 * steps (silver, gold) recorded in ops.runs. Each table is written by MERGE of only the rows that are new or changed,
 * so a day touches what changed and a re-run of a day writes nothing new.
 */
public final class Customers360Build {

    /** What one day's build read, wrote and quarantined. */
    public record Result(
            LocalDate day,
            long records,
            long customers,
            long duplicateRecords,
            long quarantinedRecords,
            long transactions,
            long duplicateTransactions,
            long quarantinedTransactions,
            long customersFailingChecks,
            long customersChanged,
            long transactionsChanged,
            long productsChanged,
            long customerVersionsOpened,
            long factRowsWritten,
            long factOrphans,
            List<ExpectationResult> quality) {
        public Result {
            requireNonNull(day, "day is null");
            quality = List.copyOf(quality);
        }
    }

    private final Lakehouse lake;
    private final Customers360Config config;

    public Customers360Build(Lakehouse lake, Customers360Config config) {
        this.lake = requireNonNull(lake, "lake is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** The newest day in bronze: the default day of a build. */
    public LocalDate latestDay() {
        if (!lake.exists(BRONZE)) {
            throw new IllegalArgumentException("no customer exports loaded yet: run `ingest customers-json` first");
        }
        Row newest =
                lake.read(BRONZE).agg(org.apache.spark.sql.functions.max("day")).first();
        if (newest.isNullAt(0)) {
            throw new IllegalArgumentException("no customer exports loaded yet: run `ingest customers-json` first");
        }
        return newest.getDate(0).toLocalDate();
    }

    /** Builds silver then gold for {@code day}. */
    public Result build(LocalDate day, String runId) {
        RunLedger runs = new RunLedger(lake);
        Silver[] silver = new Silver[1];
        runs.step(runId, JOB, "silver", Optional.of(day), List.of(BRONZE), Customers360Tables.SILVER, () -> {
            silver[0] = silver(day, runId);
            return new StepCounts(silver[0].records, silver[0].customers + silver[0].duplicates, silver[0].quarantined);
        });
        Gold[] gold = new Gold[1];
        runs.step(
                runId,
                JOB,
                "gold",
                Optional.of(day),
                List.of(CUSTOMERS, TRANSACTIONS, PRODUCTS),
                Customers360Tables.GOLD,
                () -> {
                    gold[0] = gold(day, runId, silver[0]);
                    return new StepCounts(gold[0].factIn, gold[0].factIn - gold[0].orphans, gold[0].orphans);
                });
        Silver s = silver[0];
        Gold g = gold[0];
        List<ExpectationResult> quality = new ArrayList<>(s.quality);
        quality.addAll(g.quality);
        return new Result(
                day,
                s.records,
                s.customers,
                s.duplicates,
                s.quarantined,
                s.transactions,
                s.duplicateTransactions,
                s.quarantinedTransactions,
                s.failingCustomers,
                s.customersChanged.count(),
                s.transactionsChanged.count(),
                s.productsChanged.count(),
                g.versionsOpened,
                g.factWritten,
                g.orphans,
                quality);
    }

    /** The silver step's outcome; the changed rows are checkpointed (the tables already hold them). */
    private record Silver(
            long records,
            long customers,
            long duplicates,
            long quarantined,
            long transactions,
            long duplicateTransactions,
            long quarantinedTransactions,
            long failingCustomers,
            Dataset<Row> keptCustomers,
            Dataset<Row> customersChanged,
            Dataset<Row> transactionsChanged,
            Dataset<Row> productsChanged,
            List<ExpectationResult> quality) {}

    private record Gold(
            long factIn, long factWritten, long orphans, long versionsOpened, List<ExpectationResult> quality) {}

    private Silver silver(LocalDate day, String runId) {
        Column onDay = col("day").equalTo(lit(Date.valueOf(day)));
        Dataset<Row> bronze = lake.read(BRONZE).where(onDay);
        Dataset<Row> typed = Customers360Silver.rankCustomers(Customers360Silver.typeCustomers(bronze))
                .localCheckpoint();
        Row counts = typed.agg(
                        count(lit(1)),
                        count(when(col("reason").isNotNull(), lit(1))),
                        count(when(col("reason").isNull().and(col("_rank").gt(1)), lit(1))))
                .first();
        long records = counts.getLong(0);
        if (records == 0) {
            throw new IllegalArgumentException(
                    "no customer records for " + day + " in " + BRONZE + ": ingest customers-" + day + ".json first");
        }
        long quarantined = counts.getLong(1);
        long duplicates = counts.getLong(2);
        Dataset<Row> kept = typed.where(col("reason").isNull().and(col("_rank").equalTo(1)))
                .drop("_rank")
                .localCheckpoint();
        long customers = records - quarantined - duplicates;

        Dataset<Row> transactionsTyped = Customers360Silver.rankTransactions(Customers360Silver.typeTransactions(kept))
                .localCheckpoint();
        Row txCounts = transactionsTyped
                .agg(
                        count(lit(1)),
                        count(when(col("reason").isNotNull(), lit(1))),
                        count(when(col("reason").isNull().and(col("_rank").gt(1)), lit(1))))
                .first();
        long listed = txCounts.getLong(0);
        long quarantinedTransactions = txCounts.getLong(1);
        long duplicateTransactions = txCounts.getLong(2);
        Dataset<Row> keptTransactions = Customers360Silver.transactions(
                transactionsTyped.where(col("reason").isNull().and(col("_rank").equalTo(1))));

        // Checks: one partition per day, replaced on a re-run.
        Dataset<Row> checks = Customers360Silver.checks(kept).localCheckpoint();
        lake.overwritePartitions(CHECKS, checks, "day");
        List<ExpectationResult> quality = new ArrayList<>();
        String customersName = CUSTOMERS.toString();
        quality.add(new ExpectationResult(customersName, "customer_typed", Action.QUARANTINE, records, quarantined));
        quality.add(new ExpectationResult(customersName, "duplicates_superseded", Action.WARN, records, duplicates));
        Row failures = checks.groupBy("rule")
                .agg(count(when(col("passed").equalTo(lit(false)), lit(1))).as("failed"))
                .agg(org.apache.spark.sql.functions.map_from_entries(org.apache.spark.sql.functions.collect_list(
                        org.apache.spark.sql.functions.struct(col("rule"), col("failed")))))
                .first();
        java.util.Map<String, Long> failedByRule = failures.isNullAt(0) ? java.util.Map.of() : failures.getJavaMap(0);
        for (String rule : Customers360Silver.RULES) {
            quality.add(new ExpectationResult(
                    customersName, rule, Action.WARN, customers, failedByRule.getOrDefault(rule, 0L)));
        }
        long failingCustomers = checks.where(col("passed").equalTo(lit(false)))
                .select("customer_id")
                .distinct()
                .count();
        String transactionsName = TRANSACTIONS.toString();
        quality.add(new ExpectationResult(
                transactionsName, "transaction_typed", Action.QUARANTINE, listed, quarantinedTransactions));
        quality.add(new ExpectationResult(
                transactionsName, "duplicates_superseded", Action.WARN, listed, duplicateTransactions));

        // Silver customers and transactions: only new or changed rows are merged.
        Dataset<Row> customerRows = Customers360Silver.customers(kept, checks);
        Dataset<Row> customersChanged = Incremental.stamped(
                        customerRows, existing(CUSTOMERS), List.of("customer_id"), day)
                .localCheckpoint();
        mergeIfAny(CUSTOMERS, customersChanged, List.of("customer_id"));
        Dataset<Row> transactionsChanged = Incremental.stamped(
                        keptTransactions, existing(TRANSACTIONS), List.of("transaction_id"), day)
                .localCheckpoint();
        mergeIfAny(TRANSACTIONS, transactionsChanged, List.of("transaction_id"));

        // Products touched by changed transactions, recomputed from all their transactions.
        Dataset<Row> touched = transactionsChanged.select("product_id").distinct();
        Dataset<Row> productRows =
                Customers360Silver.products(lake.read(TRANSACTIONS).join(touched, "product_id", "left_semi"));
        Dataset<Row> productsChanged = Incremental.stamped(productRows, existing(PRODUCTS), List.of("product_id"), day)
                .localCheckpoint();
        mergeIfAny(PRODUCTS, productsChanged, List.of("product_id"));

        // The analysts' join, for transactions whose transaction, customer or product changed.
        Dataset<Row> allTransactions = lake.read(TRANSACTIONS);
        Dataset<Row> affected = allTransactions
                .join(transactionsChanged.select("transaction_id"), "transaction_id", "left_semi")
                .unionByName(allTransactions.join(customersChanged.select("customer_id"), "customer_id", "left_semi"))
                .unionByName(allTransactions.join(productsChanged.select("product_id"), "product_id", "left_semi"))
                .dropDuplicates("transaction_id");
        Dataset<Row> joined = Customers360Silver.customerTransactions(
                affected.drop(Incremental.FIRST_SEEN, Incremental.UPDATED), lake.read(CUSTOMERS), lake.read(PRODUCTS));
        mergeIfAny(
                CUSTOMER_TRANSACTIONS,
                Incremental.changed(joined, existing(CUSTOMER_TRANSACTIONS), List.of("transaction_id"))
                        .localCheckpoint(),
                List.of("transaction_id"));

        // Quarantine: the day's rejects replace an earlier run's rejects of the same files.
        Quarantine quarantine = new Quarantine(lake);
        List<String> sources = typed.select("source").distinct().collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
        replaceRejects(
                CUSTOMERS,
                sources,
                Quarantine.records(
                        typed.where(col("reason").isNotNull()),
                        col("source"),
                        col("position"),
                        col("raw_json"),
                        col("reason"),
                        runId));
        replaceRejects(
                TRANSACTIONS,
                sources,
                Quarantine.records(
                        transactionsTyped.where(col("reason").isNotNull()),
                        col("source"),
                        col("position"),
                        col("raw_transaction"),
                        col("reason"),
                        runId));

        // Production checks: freshness of the day's transactions, volume of the day's records.
        ProductionChecksConfig production = config.quality();
        quality.add(production
                .freshness("transactions_fresh", "transaction_date")
                .check(transactionsName, keptTransactions, day));
        VolumeAnomaly volume = production.volume("daily_volume");
        DqResults dq = new DqResults(lake);
        quality.add(volume.check(BRONZE.toString(), records, volume.history(dq.all(), BRONZE.toString(), day)));
        dq.record(runId, Optional.of(day), quality);
        failOnFail(quality);
        return new Silver(
                records,
                customers,
                duplicates,
                quarantined,
                listed,
                duplicateTransactions,
                quarantinedTransactions,
                failingCustomers,
                kept,
                customersChanged,
                transactionsChanged,
                productsChanged,
                quality);
    }

    private Gold gold(LocalDate day, String runId, Silver silver) {
        List<ExpectationResult> quality = new ArrayList<>();
        // dim_date: the dates of changed transactions not there yet.
        Dataset<Row> dates = Customers360Gold.dimDate(
                silver.transactionsChanged.select(col("transaction_date").as("date")));
        mergeIfAny(
                DIM_DATE,
                Incremental.changed(dates, existing(DIM_DATE), List.of("date_key"))
                        .localCheckpoint(),
                List.of("date_key"));
        // dim_product: type 1 from the changed products.
        Dataset<Row> products = Customers360Gold.dimProduct(silver.productsChanged);
        mergeIfAny(
                DIM_PRODUCT,
                Incremental.changed(products, existing(DIM_PRODUCT), List.of("product_key"))
                        .localCheckpoint(),
                List.of("product_key"));
        // dim_customer: SCD2 on name and email.
        Dataset<Row> versions = Customers360Gold.dimCustomerChanges(silver.keptCustomers, existing(DIM_CUSTOMER), day)
                .localCheckpoint();
        long opened = versions.where(col("is_current")).count();
        mergeIfAny(DIM_CUSTOMER, versions, List.of("customer_key"));
        // Facts for changed transactions and for every transaction of a customer whose version changed today.
        Dataset<Row> allTransactions = lake.read(TRANSACTIONS);
        Dataset<Row> affected = allTransactions
                .join(silver.transactionsChanged.select("transaction_id"), "transaction_id", "left_semi")
                .unionByName(allTransactions.join(versions.select("customer_id"), "customer_id", "left_semi"))
                .dropDuplicates("transaction_id");
        Dataset<Row> facts = Customers360Gold.facts(affected, lake.read(DIM_CUSTOMER));
        Dataset<Row> factsChanged = Incremental.changed(facts, existing(FACT_TRANSACTIONS), List.of("transaction_id"))
                .localCheckpoint();
        // Referential integrity of the rows about to be written, against the dimensions just written.
        Action action = config.quality().referentialIntegrity();
        List<io.shoplake.quality.Expectation> references = new ArrayList<>();
        for (String[] ref : Customers360Gold.FACT_REFERENCES) {
            TableId dimension = TableId.parse(ref[1]);
            references.add(new ReferentialIntegrity(ref[0] + "_exists", ref[0], ref[1], ref[2])
                    .expectation(lake.read(dimension), action));
        }
        QualityResult checked = new ExpectationSuite(FACT_TRANSACTIONS.toString(), references).check(factsChanged);
        quality.addAll(checked.results());
        Dataset<Row> valid = checked.valid().localCheckpoint();
        long written = valid.count();
        mergeIfAny(FACT_TRANSACTIONS, valid, List.of("transaction_id"));
        if (checked.rejectedCount() > 0) {
            new Quarantine(lake)
                    .append(
                            FACT_TRANSACTIONS,
                            Quarantine.records(
                                    checked.rejected(),
                                    lit("silver.c360_transactions"),
                                    col("transaction_id"),
                                    org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
                                            java.util.Arrays.stream(facts.columns())
                                                    .map(org.apache.spark.sql.functions::col)
                                                    .toArray(Column[]::new))),
                                    col(ExpectationSuite.REASON),
                                    runId));
        }
        new DqResults(lake).record(runId, Optional.of(day), quality);
        failOnFail(quality);
        return new Gold(
                checked.validCount() + checked.rejectedCount(), written, checked.rejectedCount(), opened, quality);
    }

    private Optional<Dataset<Row>> existing(TableId table) {
        return lake.exists(table) ? Optional.of(lake.read(table)) : Optional.empty();
    }

    /** MERGE when there is something to merge: a day with no change makes no commit. */
    private void mergeIfAny(TableId table, Dataset<Row> rows, List<String> keys) {
        if (!lake.exists(table) || !rows.isEmpty()) {
            lake.merge(table, rows, keys);
        }
    }

    private void replaceRejects(TableId table, List<String> sources, Dataset<Row> records) {
        TableId quarantineTable = table.quarantine();
        if (lake.exists(quarantineTable) && !sources.isEmpty()) {
            String list =
                    sources.stream().map(s -> "'" + s.replace("'", "''") + "'").collect(Collectors.joining(", "));
            lake.sql("DELETE FROM " + lake.sqlName(quarantineTable) + " WHERE source IN (" + list + ")");
        }
        new Quarantine(lake).append(table, records);
    }

    private static void failOnFail(List<ExpectationResult> results) {
        for (ExpectationResult result : results) {
            if (result.action() == Action.FAIL && !result.passed()) {
                throw new ExpectationFailedException(result);
            }
        }
    }
}
