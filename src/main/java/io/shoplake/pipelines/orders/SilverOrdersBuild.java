package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableChanges;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds the orders domain's silver tables from bronze, parents first: customers, employees, products, orders,
 * order items. Each table is one step in {@code ops.runs}, reading only the bronze rows its last build has not seen
 * and the keys they touch ({@link BronzeIncrement}): one {@code MERGE} into the table, the keys' rejects replaced in
 * {@code quarantine.silver_<table>}, the expectation counts appended to {@code ops.dq_results}. Children are checked
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

    /**
     * Builds the five tables; {@code asOf} defaults to the latest order date in bronze (used by freshness). Each table
     * reads only the bronze rows its last build has not seen and the rows of the keys they touch ({@link
     * BronzeIncrement}); the first build, and one after bronze lost rows, reads everything and replaces the table.
     */
    public SilverBuildReport build(String runId, Optional<LocalDate> asOf) {
        requireNonNull(runId, "runId is null");
        requireBronze(runId);
        TableChanges changes = new TableChanges(lake);
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (String table : OrderSources.LOAD_ORDER) {
            snapshots.put(table, changes.current(OrderSources.bronze(table)).orElseThrow());
        }
        BronzeIncrement increment = new BronzeIncrement(changes, snapshots);
        Dataset<Row> bronzeOrders = changes.at(OrderSources.bronze("orders"), snapshots.get("orders"));
        LocalDate effectiveAsOf = asOf.or(
                        () -> JobPhase.run(lake.spark(), "silver: as-of date", () -> latestOrderDate(bronzeOrders)))
                .orElseThrow(() ->
                        new IllegalStateException("bronze.orders holds no valid order date; ingest orders first"));
        List<SilverTableReport> reports = new ArrayList<>();
        reports.add(step(
                runId,
                effectiveAsOf,
                increment,
                "customers",
                List.of(),
                SilverCustomers::transform,
                SilverCustomers.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                increment,
                "employees",
                List.of(),
                SilverEmployees::transform,
                SilverEmployees.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                increment,
                "products",
                List.of(),
                SilverProducts::transform,
                SilverProducts.KEYS,
                List.of()));
        reports.add(step(
                runId,
                effectiveAsOf,
                increment,
                "orders",
                List.of(SilverCustomers.TABLE, SilverEmployees.TABLE),
                bronze -> SilverOrders.transform(
                        bronze, lake.read(SilverCustomers.TABLE), lake.read(SilverEmployees.TABLE)),
                SilverOrders.KEYS,
                List.of(rows -> SilverOrders.FRESHNESS.check(SilverOrders.TABLE.toString(), rows, effectiveAsOf))));
        reports.add(step(
                runId,
                effectiveAsOf,
                increment,
                "order_details",
                List.of(SilverOrders.TABLE, SilverProducts.TABLE),
                bronze -> SilverOrderItems.transform(
                        bronze, lake.read(SilverOrders.TABLE), lake.read(SilverProducts.TABLE)),
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
            BronzeIncrement increment,
            String source,
            List<TableId> parents,
            Function<Dataset<Row>, SilverOutput> transform,
            List<String> keys,
            List<Function<Dataset<Row>, ExpectationResult>> tableChecks) {
        TableId silver = TableId.silver(silverName(source));
        List<TableId> inputs = new ArrayList<>(List.of(OrderSources.bronze(source)));
        inputs.addAll(parents);
        SilverTableReport[] report = new SilverTableReport[1];
        runs.step(
                runId, JOB, silver.toString(), Optional.of(asOf), inputs, List.of(silver, silver.quarantine()), () -> {
                    BronzeIncrement.Input input =
                            JobPhase.run(lake.spark(), "silver: affected keys", () -> increment.input(source, silver));
                    SilverOutput out = transform.apply(input.rows());
                    List<ExpectationResult> results = new ArrayList<>(out.results());
                    // Table-level checks see the table as this build leaves it.
                    Dataset<Row> table = input.keys()
                            .map(changed -> {
                                Dataset<Row> before = lake.read(silver);
                                return before.join(changed, keyMatch(before, keys), "left_anti")
                                        .unionByName(out.rows());
                            })
                            .orElse(out.rows());
                    JobPhase.run(
                            lake.spark(),
                            "silver: freshness",
                            () -> tableChecks.forEach(check -> results.add(check.apply(table))));
                    JobPhase.run(
                            lake.spark(), "silver: ops.dq_results", () -> dq.record(runId, Optional.of(asOf), results));
                    // A broken FAIL expectation stops here, before any write: the tables stay as they were.
                    new QualityResult(out.rows(), out.rejected(), results, out.rowsOut(), out.quarantined())
                            .requireNoFailures();
                    Map<String, String> marker = Map.of(BronzeIncrement.INPUTS, input.marker());
                    if (input.keys().isEmpty()) {
                        JobPhase.run(
                                lake.spark(),
                                "silver: quarantine write",
                                () -> quarantine.replace(silver, SilverSteps.quarantineRecords(out.rejected(), runId)));
                        // The silver commit comes last and records the bronze snapshots read: a build that dies
                        // before it is redone in full by the next one.
                        JobPhase.run(
                                lake.spark(),
                                "silver: write",
                                () -> TableChanges.withCommitProperties(
                                        marker, () -> lake.replace(silver, out.rows())));
                        lake.preferDeleteFiles(silver);
                        lake.preferDeleteFiles(silver.quarantine());
                    } else if (out.rowsIn() > 0) {
                        Dataset<Row> changed = input.keys().get();
                        JobPhase.run(lake.spark(), "silver: quarantine write", () -> {
                            // The keys' earlier rejects go; their rows are checked again and rejected anew if need be.
                            if (lake.exists(silver.quarantine())) {
                                lake.deleteMatching(
                                        silver.quarantine(),
                                        input.rows()
                                                .select("_source", "_line", "_run_id")
                                                .distinct(),
                                        "t.source = s._source AND t.line = s._line"
                                                + " AND get_json_object(t.raw_record, '$._run_id') = s._run_id");
                            }
                            quarantine.append(silver, SilverSteps.quarantineRecords(out.rejected(), runId));
                        });
                        JobPhase.run(
                                lake.spark(),
                                "silver: write",
                                () -> TableChanges.withCommitProperties(
                                        marker,
                                        () -> lake.mergeChanges(
                                                silver, changes(changed, out.rows(), keys), keys, KEEP)));
                    }
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

    private static final String KEEP = "_keep";

    /** Per changed key: its new silver row and {@value #KEEP} true, or only the key and false (the key goes). */
    private static Dataset<Row> changes(Dataset<Row> changedKeys, Dataset<Row> rows, List<String> keys) {
        Dataset<Row> kept = rows.withColumn(KEEP, lit(true));
        Dataset<Row> joined = changedKeys.join(kept, keyMatch(kept, keys), "full_outer");
        List<Column> select = new ArrayList<>();
        for (String column : rows.columns()) {
            int key = keys.indexOf(column);
            select.add(
                    key < 0
                            ? kept.col(column)
                            : coalesce(kept.col(column), col(BronzeIncrement.KEY + key))
                                    .as(column));
        }
        select.add(coalesce(kept.col(KEEP), lit(false)).as(KEEP));
        return joined.select(select.toArray(Column[]::new));
    }

    /** Silver key columns of {@code rows} equal to the affected keys ({@value BronzeIncrement#KEY}0..). */
    private static Column keyMatch(Dataset<Row> rows, List<String> keys) {
        Column match = lit(true);
        for (int i = 0; i < keys.size(); i++) {
            match = match.and(rows.col(keys.get(i)).equalTo(col(BronzeIncrement.KEY + i)));
        }
        return match;
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
