package io.shoplake.pipelines.prediction;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.StepCounts;
import io.shoplake.lakehouse.TableId;
import io.shoplake.publishers.mongodb.MongoPublisher;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The next-order prediction job: summarise the transaction log up to the as-of date, fit the purchase model on the
 * compressed patterns (and Gamma-Gamma for spend), score every customer on the executors, and write
 * {@code gold.next_order_predictions}, replacing that as-of date and model.
 */
public final class NextOrderPrediction {

    public static final TableId PREDICTIONS = TableId.gold("next_order_predictions");
    public static final String JOB = "predict";
    /** The ops.runs step name of the MongoDB publish. */
    public static final String PUBLISH_STEP = "publish mongodb";
    /** Above this many distinct (x, mean value) pairs the Gamma-Gamma fit uses a seeded sample. */
    static final int SPEND_FIT_LIMIT = 200_000;

    private NextOrderPrediction() {}

    /**
     * Options of one prediction run.
     *
     * @param asOf the as-of date; empty = the latest date in the data
     * @param pAliveFloor below this P(alive) no next-order date is predicted (default 0.2)
     * @param penalty L2 penalty of the fits (0 = plain maximum likelihood)
     */
    public record Options(
            TransactionSource source,
            Optional<LocalDate> asOf,
            TimeUnit unit,
            ModelType model,
            int horizonDays,
            double pAliveFloor,
            double penalty,
            BuyerListRule buyerList,
            String runId) {
        public static final double DEFAULT_P_ALIVE_FLOOR = 0.2;
        public static final int DEFAULT_HORIZON_DAYS = 7;

        public Options {
            requireNonNull(source, "source is null");
            requireNonNull(asOf, "asOf is null");
            requireNonNull(unit, "unit is null");
            requireNonNull(model, "model is null");
            requireNonNull(buyerList, "buyerList is null");
            requireNonNull(runId, "runId is null");
            if (horizonDays < 1) {
                throw new IllegalArgumentException("horizon must be at least 1 day, was: " + horizonDays);
            }
        }

        /** Defaults: orders, latest date, days, BG/NBD, 7 days, floor 0.2, no penalty, p >= 0.5, a new run id. */
        public static Options defaults() {
            return new Options(
                    TransactionSource.ORDERS,
                    Optional.empty(),
                    TimeUnit.DAYS,
                    ModelType.BGNBD,
                    DEFAULT_HORIZON_DAYS,
                    DEFAULT_P_ALIVE_FLOOR,
                    0,
                    BuyerListRule.atLeast(BuyerListRule.DEFAULT_MIN_PROBABILITY),
                    RunLedger.newRunId());
        }

        public Options withSource(TransactionSource value) {
            return new Options(value, asOf, unit, model, horizonDays, pAliveFloor, penalty, buyerList, runId);
        }

        public Options withAsOf(LocalDate value) {
            return new Options(
                    source, Optional.of(value), unit, model, horizonDays, pAliveFloor, penalty, buyerList, runId);
        }

        public Options withModel(ModelType value) {
            return new Options(source, asOf, unit, value, horizonDays, pAliveFloor, penalty, buyerList, runId);
        }

        public Options withUnit(TimeUnit value) {
            return new Options(source, asOf, value, model, horizonDays, pAliveFloor, penalty, buyerList, runId);
        }

        public Options withBuyerList(BuyerListRule value) {
            return new Options(source, asOf, unit, model, horizonDays, pAliveFloor, penalty, value, runId);
        }
    }

    /** A scored plan: the fits, counts, and the (lazy) prediction rows; nothing written yet. */
    public record Prediction(
            LocalDate asOf,
            ModelFit fit,
            Optional<SpendFit> spend,
            Optional<String> spendProblem,
            long futureTransactions,
            Dataset<Row> customers,
            Dataset<Row> predictions) {}

    /** What a run did. {@code buyerList} is read back from the gold table. */
    public record Result(
            String runId,
            LocalDate asOf,
            ModelFit fit,
            Optional<SpendFit> spend,
            Optional<String> spendProblem,
            long customers,
            long futureTransactions,
            long buyers,
            Dataset<Row> buyerList) {}

    /** Fits and scores a transaction log (customer_id, date, amount) without any I/O. */
    public static Prediction predict(Dataset<Row> transactions, Options options) {
        LocalDate asOf = options.asOf().orElseGet(() -> CustomerSummary.latestDate(transactions));
        CustomerSummary.Result summary = CustomerSummary.summarize(transactions, asOf);
        Dataset<Row> customers = summary.customers().cache();
        PatternSet patterns = PatternSet.of(CustomerSummary.patterns(customers), options.unit());
        if (patterns.customers() == 0) {
            throw new ModelFitException("cannot fit " + options.model().label() + ": no transactions on or before "
                    + asOf + " (" + summary.futureTransactions() + " after it were excluded)");
        }
        ModelFit fit = ModelFit.fit(options.model(), patterns, options.penalty());
        Optional<SpendFit> spend = Optional.empty();
        Optional<String> spendProblem = Optional.empty();
        try {
            spend = Optional.of(SpendFit.fit(CustomerSummary.spend(customers, SPEND_FIT_LIMIT), options.penalty()));
            spendProblem = undefinedSpend(spend.get().model());
        } catch (ModelFitException e) {
            // Spend is an extra: without it the purchase predictions still stand, expected_spend stays null.
            spendProblem = Optional.of(e.getMessage());
        }
        NextOrderScoring.Settings settings = new NextOrderScoring.Settings(
                asOf,
                options.unit(),
                options.horizonDays(),
                options.pAliveFloor(),
                CustomerSummary.pooledMeanGapDays(customers),
                spend.map(SpendFit::model).orElse(null),
                options.runId());
        Dataset<Row> predictions = NextOrderScoring.score(customers, fit.model(), settings);
        return new Prediction(asOf, fit, spend, spendProblem, summary.futureTransactions(), customers, predictions);
    }

    /** The note for customers whose expected spend is null because Gamma-Gamma's mean is infinite for them. */
    static Optional<String> undefinedSpend(GammaGamma spend) {
        long from = spend.finiteFromRepeatTransactions();
        if (from == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                java.util.Locale.ROOT,
                "for customers with fewer than %d repeat purchases (Gamma-Gamma's expected value is infinite when"
                        + " p x + q <= 1; p = %.4g, q = %.4g)",
                from,
                spend.params().p(),
                spend.params().q()));
    }

    /** Reads the source, predicts, writes gold.next_order_predictions for (as-of, model), and records the run. */
    public static Result run(Lakehouse lake, Options options) {
        requireNonNull(lake, "lake is null");
        requireNonNull(options, "options is null");
        RunLedger ledger = new RunLedger(lake);
        Dataset<Row> transactions = options.source().read(lake);
        Prediction[] prediction = new Prediction[1];
        long[] customers = new long[1];
        ledger.step(
                options.runId(),
                JOB,
                "next-orders",
                options.asOf(),
                options.source().tables(),
                List.of(PREDICTIONS),
                () -> {
                    prediction[0] = predict(transactions, options);
                    try {
                        lake.overwritePartitions(PREDICTIONS, prediction[0].predictions(), "as_of", "model");
                    } catch (Exception e) {
                        throw ModelEvaluationException.unwrap(e);
                    }
                    customers[0] = prediction[0].fit().customers();
                    return new StepCounts(customers[0], customers[0], 0);
                });
        Prediction done = prediction[0];
        Dataset<Row> stored = lake.read(PREDICTIONS)
                .filter(col("as_of")
                        .equalTo(lit(Date.valueOf(done.asOf())))
                        .and(col("model").equalTo(lit(options.model().cliName()))));
        Dataset<Row> buyers = options.buyerList().apply(stored);
        done.customers().unpersist();
        return new Result(
                options.runId(),
                done.asOf(),
                done.fit(),
                done.spend(),
                done.spendProblem(),
                customers[0],
                done.futureTransactions(),
                buyers.count(),
                buyers);
    }

    /**
     * Publishes a run's buyer list to MongoDB ({@link MongoPublisher#publish}) and records it in ops.runs as the step
     * {@code publish mongodb} of the run: rows in = buyer list size, rows out = documents published. A failure is
     * recorded and rethrown.
     */
    public static MongoPublisher.Result publish(Lakehouse lake, Result result, MongoPublisher.Target target) {
        requireNonNull(lake, "lake is null");
        requireNonNull(result, "result is null");
        requireNonNull(target, "target is null");
        MongoPublisher.Result[] published = new MongoPublisher.Result[1];
        new RunLedger(lake)
                .step(
                        result.runId(),
                        JOB,
                        PUBLISH_STEP,
                        Optional.of(result.asOf()),
                        List.of(PREDICTIONS),
                        List.of(),
                        () -> {
                            published[0] =
                                    MongoPublisher.publish(result.buyerList(), target, result.asOf(), result.runId());
                            return new StepCounts(result.buyers(), published[0].published(), 0);
                        });
        return published[0];
    }
}
