package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.Action;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.ExpectationResult;
import io.shoplake.quality.QualityResult;
import io.shoplake.quality.SilverOutput;
import io.shoplake.quality.SilverSteps;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds the orders domain's silver tables from bronze, parents first: customers, employees, products, orders,
 * order items. Each table is one step in {@code ops.runs}: upserted by key ({@code MERGE}), its rejects replacing
 * {@code quarantine.silver_<table>}, its expectation counts appended to {@code ops.dq_results}. Children are checked
 * against the silver parents as written, so an order item of a quarantined order is quarantined too.
 */
public final class SilverOrdersBuild {

    public static final String JOB = "orders";

    private final Lakehouse lake;
    private final RunLedger runs;
    private final Quarantine quarantine;
    private final DqResults dq;

    public SilverOrdersBuild(Lakehouse lake, RunLedger runs) {
        this.lake = requireNonNull(lake, "lake is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.quarantine = new Quarantine(lake);
        this.dq = new DqResults(lake);
    }

    /**
     * Fails, as a recorded step, when a bronze table silver needs was never loaded, naming every such table and the
     * file it comes from: a build on part of the shop would quarantine every child of the missing parent.
     */
    private void requireBronze(String runId) {
        List<String> missing = OrderSources.LOAD_ORDER.stream()
                .filter(table -> !lake.exists(OrderSources.bronze(table)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = (missing.size() == 1
                        ? "bronze." + missing.get(0) + " does not"
                        : "bronze tables "
                                + missing.stream()
                                        .map(t -> "bronze." + t)
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + " do not")
                + " exist: no "
                + missing.stream().map(t -> t + ".csv").collect(java.util.stream.Collectors.joining(", "))
                + " was ever ingested; ingest " + (missing.size() == 1 ? "it" : "them")
                + " first (./shoplake ingest orders --from DIR, or --jdbc URL)";
        runs.step(runId, JOB, "check bronze", Optional.empty(), List.of(), List.of(), () -> {
            throw new MissingBronzeException(message);
        });
    }

    /** A bronze table the build needs was never loaded. */
    public static final class MissingBronzeException extends IllegalStateException {
        MissingBronzeException(String message) {
            super(message);
        }
    }

    /** Builds the five tables; {@code asOf} defaults to the latest order date in bronze (used by freshness). */
    public SilverBuildReport build(String runId, Optional<LocalDate> asOf) {
        requireNonNull(runId, "runId is null");
        requireBronze(runId);
        Dataset<Row> bronzeOrders = lake.read(OrderSources.bronze("orders"));
        LocalDate effectiveAsOf = asOf.or(
                        () -> JobPhase.run(lake.spark(), "silver: as-of date", () -> latestOrderDate(bronzeOrders)))
                .orElseThrow(() ->
                        new IllegalStateException("bronze.orders holds no valid order date; ingest orders first"));
        List<SilverTableReport> reports = new ArrayList<>();
        reports.add(step(
                runId,
                effectiveAsOf,
                "customers",
                List.of(),
                () -> SilverCustomers.transform(lake.read(OrderSources.bronze("customers"))),
                SilverCustomers.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                "employees",
                List.of(),
                () -> SilverEmployees.transform(lake.read(OrderSources.bronze("employees"))),
                SilverEmployees.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                "products",
                List.of(),
                () -> SilverProducts.transform(lake.read(OrderSources.bronze("products"))),
                SilverProducts.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                "orders",
                List.of(SilverCustomers.TABLE, SilverEmployees.TABLE),
                () -> SilverOrders.transform(
                        bronzeOrders, lake.read(SilverCustomers.TABLE), lake.read(SilverEmployees.TABLE)),
                SilverOrders.KEYS,
                List.of(rows -> SilverOrders.FRESHNESS.check(SilverOrders.TABLE.toString(), rows, effectiveAsOf))));
        reports.add(step(
                runId,
                effectiveAsOf,
                "order_details",
                List.of(SilverOrders.TABLE, SilverProducts.TABLE),
                () -> SilverOrderItems.transform(
                        lake.read(OrderSources.bronze("order_details")),
                        lake.read(SilverOrders.TABLE),
                        lake.read(SilverProducts.TABLE)),
                SilverOrderItems.KEYS,
                List.of()));
        return new SilverBuildReport(runId, effectiveAsOf, reports);
    }

    /** The latest date in bronze {@code orders.order_date} that parses; empty when none does. */
    public static Optional<LocalDate> latestOrderDate(Dataset<Row> bronzeOrders) {
        Row latest = bronzeOrders
                .agg(max(to_date(trim(col("order_date")).try_cast(DataTypes.TimestampType))))
                .first();
        return latest.isNullAt(0)
                ? Optional.empty()
                : Optional.of(latest.getDate(0).toLocalDate());
    }

    private SilverTableReport step(
            String runId,
            LocalDate asOf,
            String source,
            List<TableId> parents,
            Supplier<SilverOutput> transform,
            List<String> keys,
            List<Function<Dataset<Row>, ExpectationResult>> tableChecks) {
        TableId silver = TableId.silver(silverName(source));
        List<TableId> inputs = new ArrayList<>(List.of(OrderSources.bronze(source)));
        inputs.addAll(parents);
        SilverTableReport[] report = new SilverTableReport[1];
        runs.step(
                runId, JOB, silver.toString(), Optional.of(asOf), inputs, List.of(silver, silver.quarantine()), () -> {
                    SilverOutput computed = transform.get();
                    // Computed once: the freshness check, the quarantine write and the merge all read them.
                    SilverOutput out = new SilverOutput(
                            computed.table(),
                            JobPhase.run(
                                    lake.spark(),
                                    "silver: checkpoint rows",
                                    () -> computed.rows().localCheckpoint()),
                            JobPhase.run(
                                    lake.spark(),
                                    "silver: checkpoint rejects",
                                    () -> computed.rejected().localCheckpoint()),
                            computed.rowsIn(),
                            computed.rowsOut(),
                            computed.duplicatesSuperseded(),
                            computed.quarantined(),
                            computed.results());
                    List<ExpectationResult> results = new ArrayList<>(out.results());
                    JobPhase.run(
                            lake.spark(),
                            "silver: freshness",
                            () -> tableChecks.forEach(check -> results.add(check.apply(out.rows()))));
                    JobPhase.run(
                            lake.spark(), "silver: ops.dq_results", () -> dq.record(runId, Optional.of(asOf), results));
                    // A broken FAIL expectation stops here, before any write: the tables stay as they were.
                    new QualityResult(out.rows(), out.rejected(), results, out.rowsOut(), out.quarantined())
                            .requireNoFailures();
                    JobPhase.run(
                            lake.spark(),
                            "silver: quarantine write",
                            () -> quarantine.replace(silver, SilverSteps.quarantineRecords(out.rejected(), runId)));
                    JobPhase.run(lake.spark(), "silver: merge", () -> lake.merge(silver, out.rows(), keys));
                    report[0] = new SilverTableReport(
                            silver.toString(),
                            out.rowsIn(),
                            out.rowsOut(),
                            out.duplicatesSuperseded(),
                            out.quarantined(),
                            SilverSteps.quarantinedByExpectation(results),
                            warnings(results));
                    return out.stepCounts();
                });
        return report[0];
    }

    private static String silverName(String source) {
        return source.equals("order_details") ? "order_items" : source;
    }

    private static Map<String, Long> warnings(List<ExpectationResult> results) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExpectationResult result : results) {
            if (result.action() == Action.WARN && result.rowsFailed() > 0) {
                counts.put(result.expectation(), result.rowsFailed());
            }
        }
        return counts;
    }
}
