package io.shoplake.pipelines.prediction;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores every customer of a {@link CustomerSummary} with a fitted model, on the executors (mapPartitions calling the
 * plain-Java model): one row of {@code gold.next_order_predictions} per customer.
 */
public final class NextOrderScoring {

    /** Grain: one row per customer, as-of date and model. */
    public static final StructType SCHEMA = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("as_of", DataTypes.DateType, false)
            .add("model", DataTypes.StringType, false)
            .add("p_alive", DataTypes.DoubleType, false)
            .add("expected_orders_in_horizon", DataTypes.DoubleType, false)
            .add("p_order_in_horizon", DataTypes.DoubleType, false)
            .add("predicted_next_order_date", DataTypes.DateType, true)
            .add("expected_spend", DataTypes.DoubleType, true)
            .add("baseline_next_order_date", DataTypes.DateType, false)
            .add("run_id", DataTypes.StringType, false);

    /**
     * What scoring needs besides the model.
     *
     * @param spend the Gamma-Gamma model, or null when spend is not predicted
     * @param pAliveFloor below this P(alive), no next-order date is predicted
     * @param pooledGapDays the baseline's gap for one-time buyers (mean gap of all repeat customers)
     */
    public record Settings(
            LocalDate asOf,
            TimeUnit unit,
            int horizonDays,
            double pAliveFloor,
            double pooledGapDays,
            GammaGamma spend,
            String runId)
            implements Serializable {
        public Settings {
            requireNonNull(asOf, "asOf is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(runId, "runId is null");
            if (horizonDays < 1) {
                throw new IllegalArgumentException("horizon must be at least 1 day, was: " + horizonDays);
            }
            if (!(pAliveFloor >= 0 && pAliveFloor <= 1)) {
                throw new IllegalArgumentException("p-alive floor must be between 0 and 1, was: " + pAliveFloor);
            }
        }
    }

    private NextOrderScoring() {}

    /** The prediction rows for {@code customers} (columns of {@link CustomerSummary#summarize}). */
    public static Dataset<Row> score(Dataset<Row> customers, PurchaseModel model, Settings settings) {
        requireNonNull(model, "model is null");
        requireNonNull(settings, "settings is null");
        Dataset<Row> input = customers.select("customer_id", "last_date", "x", "recency_days", "age_days", "monetary");
        MapPartitionsFunction<Row, Row> scorer = rows -> {
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                out.add(scoreOne(rows.next(), model, settings));
            }
            return out.iterator();
        };
        return input.mapPartitions(scorer, Encoders.row(SCHEMA));
    }

    static Row scoreOne(Row row, PurchaseModel model, Settings settings) {
        TimeUnit unit = settings.unit();
        String customerId = String.valueOf(row.get(0));
        LocalDate last = row.getDate(1).toLocalDate();
        long xCount = row.getLong(2);
        double x = xCount;
        double tx = unit.fromDays(row.getInt(3));
        double age = unit.fromDays(row.getInt(4));
        double horizon = unit.fromDays(settings.horizonDays());
        double pAlive;
        double expected;
        double pOrder;
        try {
            pAlive = model.probabilityAlive(x, tx, age);
            expected = model.expectedPurchases(horizon, x, tx, age);
            pOrder = model.probabilityOfPurchaseWithin(horizon, x, tx, age);
        } catch (ModelEvaluationException | ArithmeticException e) {
            throw new ModelEvaluationException("cannot score customer " + customerId + ": " + e.getMessage());
        }
        if (!(Double.isFinite(pAlive) && Double.isFinite(expected) && Double.isFinite(pOrder))) {
            throw new ModelEvaluationException("cannot score customer " + customerId + ": " + model
                    + " gives P(alive) " + pAlive + ", expected orders " + expected + ", P(order) " + pOrder
                    + " for x=" + x + ", t_x=" + tx + ", T=" + age);
        }
        Date predicted = null;
        if (pAlive >= settings.pAliveFloor()) {
            double waitDays = unit.toDays(model.medianWaitingTimeIfAlive(x, age));
            long days = Math.max(1L, (long) Math.ceil(waitDays));
            predicted = Date.valueOf(settings.asOf().plusDays(Math.min(days, 36_500L)));
        }
        Double spend = null;
        if (settings.spend() != null) {
            double monetary = row.isNullAt(5) ? Double.NaN : row.getDouble(5);
            double value = settings.spend().expectedAverageValue(x, monetary > 0 ? monetary : Double.NaN);
            // Infinite when Gamma-Gamma's posterior mean does not exist (p x + q <= 1): no expected spend then.
            spend = Double.isFinite(value) ? expected * value : null;
        }
        double gap = xCount > 0 ? (double) row.getInt(3) / xCount : settings.pooledGapDays();
        Date baseline = Date.valueOf(last.plusDays(Double.isFinite(gap) ? Math.round(gap) : 0));
        return RowFactory.create(
                customerId,
                Date.valueOf(settings.asOf()),
                model.name(),
                pAlive,
                expected,
                pOrder,
                predicted,
                spend,
                baseline,
                settings.runId());
    }
}
