package io.shoplake.pipelines.prediction;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Calibration/holdout backtest: fit on transactions up to the calibration end, predict the holdout
 * (calibration end, holdout end], and compare with what happened, at the cohort and the individual level.
 */
public final class Backtest {

    private static final int TRACKING_DAYS = 7;

    private static final StructType SCORED = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("x", DataTypes.LongType, false)
            .add("actual", DataTypes.LongType, false)
            .add("predicted", DataTypes.DoubleType, false)
            .add("p_buy", DataTypes.DoubleType, false)
            .add("baseline_buy", DataTypes.BooleanType, false)
            .add("actual_buy", DataTypes.BooleanType, false);

    /** Backtest options; the buyer list is judged on the first {@code horizonDays} after the calibration end. */
    public record Options(
            LocalDate calibrationEnd,
            LocalDate holdoutEnd,
            TimeUnit unit,
            ModelType model,
            int horizonDays,
            double penalty,
            BuyerListRule buyerList) {
        public Options {
            requireNonNull(calibrationEnd, "calibrationEnd is null");
            requireNonNull(holdoutEnd, "holdoutEnd is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(model, "model is null");
            requireNonNull(buyerList, "buyerList is null");
            if (!holdoutEnd.isAfter(calibrationEnd)) {
                throw new IllegalArgumentException(
                        "holdout end must be after the calibration end " + calibrationEnd + ", was: " + holdoutEnd);
            }
            if (horizonDays < 1) {
                throw new IllegalArgumentException("horizon must be at least 1 day, was: " + horizonDays);
            }
        }
    }

    private Backtest() {}

    public static BacktestReport run(Dataset<Row> transactions, Options options) {
        CustomerSummary.Result calibration = CustomerSummary.summarize(transactions, options.calibrationEnd());
        Dataset<Row> cohort = calibration.customers().cache();
        PatternSet patterns = PatternSet.of(CustomerSummary.patterns(cohort), options.unit());
        if (patterns.customers() == 0) {
            throw new ModelFitException("cannot fit " + options.model().label() + ": no transactions on or before "
                    + options.calibrationEnd());
        }
        ModelFit fit = ModelFit.fit(options.model(), patterns, options.penalty());
        PurchaseModel model = fit.model();

        Date calibrationEnd = Date.valueOf(options.calibrationEnd());
        Date holdoutEnd = Date.valueOf(options.holdoutEnd());
        Date horizonEnd = Date.valueOf(options.calibrationEnd().plusDays(options.horizonDays()));
        Dataset<Row> holdout = transactions
                .filter(col("date").gt(lit(calibrationEnd)).and(col("date").leq(lit(holdoutEnd))))
                .groupBy(col("customer_id"))
                .agg(
                        countDistinct(col("date")).as("holdout_purchases"),
                        countDistinct(when(col("date").leq(lit(horizonEnd)), col("date")))
                                .as("horizon_purchases"));
        Dataset<Row> joined = cohort.join(
                        holdout, cohort.col("customer_id").equalTo(holdout.col("customer_id")), "left")
                .select(
                        cohort.col("customer_id"),
                        col("last_date"),
                        col("x"),
                        col("recency_days"),
                        col("age_days"),
                        coalesce(col("holdout_purchases"), lit(0L)).as("holdout_purchases"),
                        coalesce(col("horizon_purchases"), lit(0L)).as("horizon_purchases"));

        double pooledGap = CustomerSummary.pooledMeanGapDays(cohort);
        TimeUnit unit = options.unit();
        double holdoutLength = unit.fromDays(ChronoUnit.DAYS.between(options.calibrationEnd(), options.holdoutEnd()));
        double horizon = unit.fromDays(options.horizonDays());
        LocalDate horizonDay = options.calibrationEnd().plusDays(options.horizonDays());
        MapPartitionsFunction<Row, Row> scorer = rows -> {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                long x = row.getLong(2);
                double tx = unit.fromDays(row.getInt(3));
                double age = unit.fromDays(row.getInt(4));
                double gap = x > 0 ? (double) row.getInt(3) / x : pooledGap;
                LocalDate baseline = row.getDate(1).toLocalDate().plusDays(Double.isFinite(gap) ? Math.round(gap) : 0);
                double predicted;
                double pBuy;
                try {
                    predicted = model.expectedPurchases(holdoutLength, x, tx, age);
                    pBuy = model.probabilityOfPurchaseWithin(horizon, x, tx, age);
                } catch (ModelEvaluationException | ArithmeticException e) {
                    throw new ModelEvaluationException(
                            "cannot score customer " + row.getString(0) + ": " + e.getMessage());
                }
                out.add(RowFactory.create(
                        row.getString(0),
                        x,
                        row.getLong(5),
                        predicted,
                        pBuy,
                        // The naive rule: due (or overdue) by the end of the horizon means "will buy".
                        Double.isFinite(gap) && !baseline.isAfter(horizonDay),
                        row.getLong(6) > 0));
            }
            return out.iterator();
        };
        Dataset<Row> scored = joined.mapPartitions(scorer, Encoders.row(SCORED)).cache();

        Row totals = scored.agg(
                        count(lit(1)),
                        sum(col("actual")),
                        sum(col("predicted")),
                        corr(col("actual").cast(DataTypes.DoubleType), col("predicted")),
                        avg(abs(col("actual").minus(col("predicted")))))
                .first();
        long customers = totals.getLong(0);
        BacktestReport.Totals holdoutTotals = new BacktestReport.Totals(totals.getLong(1), totals.getDouble(2));
        Double correlation = totals.isNullAt(3) || Double.isNaN(totals.getDouble(3)) ? null : totals.getDouble(3);

        List<BacktestReport.FrequencyBin> bins = new ArrayList<>();
        for (Row row : scored.groupBy(least(col("x"), lit(7L)).as("bin"))
                .agg(count(lit(1)), avg(col("actual")), avg(col("predicted")))
                .orderBy("bin")
                .collectAsList()) {
            long bin = row.getLong(0);
            bins.add(new BacktestReport.FrequencyBin(
                    bin == 7 ? "7+" : Long.toString(bin), row.getLong(1), row.getDouble(2), row.getDouble(3)));
        }

        Dataset<Row> modelList = options.buyerList().apply(scored.withColumnRenamed("p_buy", "p_order_in_horizon"));
        Row modelCounts = modelList
                .agg(count(lit(1)), sum(when(col("actual_buy"), 1L).otherwise(0L)))
                .first();
        Row baselineCounts = scored.agg(
                        sum(when(col("baseline_buy"), 1L).otherwise(0L)),
                        sum(when(col("baseline_buy").and(col("actual_buy")), 1L).otherwise(0L)),
                        sum(when(col("actual_buy"), 1L).otherwise(0L)))
                .first();
        long actualBuyers = baselineCounts.getLong(2);
        BacktestReport.BuyerLists buyerLists = new BacktestReport.BuyerLists(
                BacktestReport.Scores.of(
                        modelCounts.isNullAt(1) ? 0 : modelCounts.getLong(1), modelCounts.getLong(0), actualBuyers),
                BacktestReport.Scores.of(baselineCounts.getLong(1), baselineCounts.getLong(0), actualBuyers));

        List<BacktestReport.Period> tracking = tracking(transactions, cohort, model, options);
        BacktestReport.Period last = tracking.get(tracking.size() - 1);
        BacktestReport.Totals cumulative =
                new BacktestReport.Totals(last.cumulativeActual(), last.cumulativePredicted());
        scored.unpersist();
        cohort.unpersist();
        return new BacktestReport(
                fit.type().cliName(),
                unit.cliName(),
                customers,
                fit.params(),
                fit.stdErrors(),
                fit.logLikelihood(),
                options.calibrationEnd(),
                options.holdoutEnd(),
                holdoutTotals,
                cumulative,
                tracking,
                bins,
                correlation,
                totals.getDouble(4),
                buyerLists);
    }

    /**
     * Weekly repeat transactions of the calibration cohort from its earliest first purchase to the holdout end:
     * actual (each customer's occasions after their first) against the cohort's unconditional expectation, each
     * customer's clock starting at their first purchase.
     */
    static List<BacktestReport.Period> tracking(
            Dataset<Row> transactions, Dataset<Row> cohort, PurchaseModel model, Options options) {
        Map<LocalDate, Long> firstDates = new HashMap<>();
        LocalDate start = null;
        for (Row row : cohort.groupBy(col("first_date")).count().collectAsList()) {
            LocalDate first = row.getDate(0).toLocalDate();
            firstDates.put(first, row.getLong(1));
            start = start == null || first.isBefore(start) ? first : start;
        }
        Date startDate = Date.valueOf(start);
        Dataset<Row> cohortFirsts = cohort.select(col("customer_id").as("cohort_customer"), col("first_date"));
        Dataset<Row> repeats = transactions
                .filter(col("date").leq(lit(Date.valueOf(options.holdoutEnd()))))
                .select(col("customer_id"), col("date"))
                .distinct()
                .join(cohortFirsts, col("customer_id").equalTo(col("cohort_customer")))
                .filter(col("date").gt(col("first_date")))
                .groupBy(datediff(col("date"), lit(startDate))
                        .minus(1)
                        .divide(TRACKING_DAYS)
                        .cast(DataTypes.IntegerType)
                        .as("period"))
                .count();
        Map<Integer, Long> actualByPeriod = new HashMap<>();
        for (Row row : repeats.collectAsList()) {
            actualByPeriod.put(row.getInt(0), row.getLong(1));
        }
        long totalDays = ChronoUnit.DAYS.between(start, options.holdoutEnd());
        List<BacktestReport.Period> periods = new ArrayList<>();
        long cumulativeActual = 0;
        double previousPredicted = 0;
        for (int period = 0; (long) period * TRACKING_DAYS < totalDays; period++) {
            long endDay = Math.min((long) (period + 1) * TRACKING_DAYS, totalDays);
            LocalDate end = start.plusDays(endDay);
            double cumulativePredicted = 0;
            for (var entry : firstDates.entrySet()) {
                long days = ChronoUnit.DAYS.between(entry.getKey(), end);
                if (days > 0) {
                    cumulativePredicted += entry.getValue()
                            * model.unconditionalExpectedPurchases(
                                    options.unit().fromDays(days));
                }
            }
            long actual = actualByPeriod.getOrDefault(period, 0L);
            cumulativeActual += actual;
            periods.add(new BacktestReport.Period(
                    end, actual, cumulativePredicted - previousPredicted, cumulativeActual, cumulativePredicted));
            previousPredicted = cumulativePredicted;
        }
        return periods;
    }
}
