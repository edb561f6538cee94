package io.shoplake.pipelines.industries;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.shoplake.lakehouse.JobPhase;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Computes {@link IndustrySwings} from silver into {@code gold.industry_swings} and
 * {@code gold.industry_swings_unassigned} (partitioned by as_of: a re-run replaces that as_of's rows), and reads
 * them back.
 */
public final class IndustrySwingsJob {

    public static final String JOB = "industry-swings";
    private static final StructType PAIRS =
            new StructType().add("customer_id", DataTypes.StringType).add("industry", DataTypes.StringType);

    /** One industry's row. */
    public record Swing(
            String industry,
            int rank,
            BigDecimal windowAmount,
            long windowOrders,
            BigDecimal baselineDailyAvg,
            BigDecimal change,
            Double changePct) {}

    /** Orders no reference industry claims. */
    public record Unassigned(
            long windowOrders,
            BigDecimal windowAmount,
            long baselineOrders,
            BigDecimal baselineAmount,
            long customers) {}

    /** The swings of one as-of, every industry in rank order. */
    public record Result(Instant asOf, String runId, List<Swing> swings, Unassigned unassigned) {
        public Result {
            requireNonNull(asOf, "asOf is null");
            requireNonNull(runId, "runId is null");
            swings = List.copyOf(swings);
            requireNonNull(unassigned, "unassigned is null");
        }

        public List<Swing> top(int n) {
            return swings.subList(0, Math.min(n, swings.size()));
        }
    }

    private final Lakehouse lake;

    public IndustrySwingsJob(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** The latest order timestamp in silver; empty when there are no orders. */
    public Optional<Instant> latestOrder() {
        if (!lake.exists(IndustryTables.ORDERS)) {
            return Optional.empty();
        }
        Row row = lake.read(IndustryTables.ORDERS).agg(max("ordered_at")).first();
        return row.isNullAt(0)
                ? Optional.empty()
                : Optional.of(row.getTimestamp(0).toInstant());
    }

    /**
     * Computes and writes the swings. {@code asOf} defaults to the latest order timestamp.
     *
     * @throws IllegalStateException when there are no orders and no as-of
     */
    public Result run(Optional<Instant> asOf, int windowHours, int baselineDays, String runId) {
        if (!lake.exists(IndustryTables.ORDERS)) {
            throw new IllegalStateException("silver.industry_orders does not exist: load orders first with "
                    + "`shoplake ingest industry-orders --from PATH` or `shoplake stream industry-orders`");
        }
        Instant at = asOf.or(() -> JobPhase.run(lake.spark(), "swings: latest order", this::latestOrder))
                .orElseThrow(() -> new IllegalStateException("silver.industry_orders has no orders: nothing to rank"));
        SwingWindow window = new SwingWindow(at, windowHours, baselineDays);
        Dataset<Row> pairs = lake.exists(IndustryTables.CUSTOMER_INDUSTRIES)
                ? lake.read(IndustryTables.CUSTOMER_INDUSTRIES)
                : lake.spark().createDataFrame(List.<Row>of(), PAIRS);
        Dataset<Row> industries = lake.spark()
                .createDataFrame(
                        CustomersIngest.reference(lake).names().stream()
                                .map(n -> RowFactory.create(n))
                                .toList(),
                        CustomersIngest.INDUSTRY);
        // Only the partitions (order dates, UTC) that can hold orders of the two periods are read.
        Dataset<Row> orders = lake.read(IndustryTables.ORDERS)
                .where(col("order_date")
                        .geq(lit(java.sql.Date.valueOf(
                                window.baselineStart().atOffset(ZoneOffset.UTC).toLocalDate())))
                        .and(col("order_date")
                                .leq(lit(java.sql.Date.valueOf(
                                        at.atOffset(ZoneOffset.UTC).toLocalDate())))));
        List<Row> swingRows = new ArrayList<>();
        List<Row> unassignedRows = new ArrayList<>();
        new RunLedger(lake)
                .step(
                        runId,
                        JOB,
                        "as of " + at,
                        Optional.of(at.atOffset(ZoneOffset.UTC).toLocalDate()),
                        List.of(IndustryTables.ORDERS, IndustryTables.CUSTOMER_INDUSTRIES),
                        List.of(IndustryTables.SWINGS, IndustryTables.UNASSIGNED),
                        () -> {
                            // One pass over the orders gives a row per industry (and one unassigned); the rest is
                            // small, from the driver.
                            Dataset<Row> totals = IndustrySwings.totals(orders, pairs, window);
                            List<Row> totalRows =
                                    JobPhase.run(lake.spark(), "swings: totals", () -> totals.collectAsList());
                            IndustrySwings.Computed result = IndustrySwings.compute(
                                    lake.spark().createDataFrame(totalRows, totals.schema()),
                                    industries,
                                    window,
                                    runId);
                            swingRows.addAll(JobPhase.run(
                                    lake.spark(),
                                    "swings: compute",
                                    () -> result.swings().collectAsList()));
                            unassignedRows.addAll(JobPhase.run(
                                    lake.spark(),
                                    "swings: unassigned",
                                    () -> result.unassigned().collectAsList()));
                            JobPhase.run(lake.spark(), "swings: gold write", () -> {
                                lake.overwritePartitions(
                                        IndustryTables.SWINGS,
                                        lake.spark()
                                                .createDataFrame(
                                                        swingRows,
                                                        result.swings().schema()),
                                        "as_of");
                                lake.overwritePartitions(
                                        IndustryTables.UNASSIGNED,
                                        lake.spark()
                                                .createDataFrame(
                                                        unassignedRows,
                                                        result.unassigned().schema()),
                                        "as_of");
                            });
                            long rows = swingRows.size();
                            return new StepCounts(rows, rows, 0);
                        });
        return result(at, swingRows, unassignedRows);
    }

    /** The stored swings of {@code asOf} (default: the latest as-of computed); empty when none. */
    public Optional<Result> read(Optional<Instant> asOf) {
        if (!lake.exists(IndustryTables.SWINGS)) {
            return Optional.empty();
        }
        Dataset<Row> gold = lake.read(IndustryTables.SWINGS);
        Optional<Instant> at = asOf.or(() -> {
            Row latest = gold.agg(max("as_of")).first();
            return latest.isNullAt(0)
                    ? Optional.empty()
                    : Optional.of(latest.getTimestamp(0).toInstant());
        });
        return at.flatMap(this::read);
    }

    private Optional<Result> read(Instant at) {
        Timestamp ts = Timestamp.from(at);
        List<Row> rows = lake.read(IndustryTables.SWINGS)
                .where(col("as_of").equalTo(lit(ts)))
                .collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Row> unassigned = lake.exists(IndustryTables.UNASSIGNED)
                ? lake.read(IndustryTables.UNASSIGNED)
                        .where(col("as_of").equalTo(lit(ts)))
                        .collectAsList()
                : List.of();
        return Optional.of(result(at, rows, unassigned));
    }

    /** The result from gold-shaped rows: the swings of one as-of (any order) and its unassigned row, if any. */
    private static Result result(Instant at, List<Row> rows, List<Row> unassignedRows) {
        List<Swing> swings = rows.stream()
                .map(r -> new Swing(
                        r.getAs("industry"),
                        r.<Integer>getAs("rank"),
                        r.getAs("window_amount"),
                        r.<Long>getAs("window_orders"),
                        r.getAs("baseline_daily_avg"),
                        r.getAs("change"),
                        r.isNullAt(r.fieldIndex("change_pct")) ? null : r.<Double>getAs("change_pct")))
                .sorted(Comparator.comparingInt(Swing::rank))
                .toList();
        Unassigned unassigned = new Unassigned(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0);
        if (!unassignedRows.isEmpty()) {
            Row r = unassignedRows.get(0);
            unassigned = new Unassigned(
                    r.<Long>getAs("window_orders"),
                    r.getAs("window_amount"),
                    r.<Long>getAs("baseline_orders"),
                    r.getAs("baseline_amount"),
                    r.<Long>getAs("customers"));
        }
        return new Result(at, rows.get(0).getAs("run_id"), swings, unassigned);
    }
}
