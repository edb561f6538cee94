package io.shoplake.cli.prediction;

import static org.apache.spark.sql.functions.col;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.prediction.NextOrderPrediction;
import io.shoplake.publishers.mongodb.MongoPublisher;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoplake predict next-orders}: scores every customer into gold.next_order_predictions and, with
 * {@code --publish}, sends the buyer list to MongoDB.
 */
@Command(
        name = "next-orders",
        mixinStandardHelpOptions = true,
        description =
                "Predict each customer's next order; write gold.next_order_predictions; optionally publish the buyer list.")
public final class PredictNextOrdersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    PredictOptions predict;

    @Mixin
    JsonOption output;

    @Option(names = "--as-of", paramLabel = "DATE", description = "As-of date (default: the latest date in the data).")
    String asOf;

    @Option(
            names = "--horizon-days",
            defaultValue = "7",
            paramLabel = "N",
            description = "Prediction horizon in days (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(
            names = "--p-alive-floor",
            defaultValue = "0.2",
            paramLabel = "P",
            description = "No next-order date below this P(alive) (default: ${DEFAULT-VALUE}).")
    double pAliveFloor;

    @ArgGroup(exclusive = true)
    BuyerListOptions buyerList;

    @Option(names = "--publish", paramLabel = "MONGODB_URI", description = "Publish the buyer list to this MongoDB.")
    String publish;

    @Option(
            names = "--mongo-database",
            defaultValue = MongoPublisher.Target.DEFAULT_DATABASE,
            paramLabel = "NAME",
            description = "MongoDB database (default: ${DEFAULT-VALUE}).")
    String mongoDatabase;

    @Option(
            names = "--mongo-collection",
            defaultValue = MongoPublisher.Target.DEFAULT_COLLECTION,
            paramLabel = "NAME",
            description = "MongoDB collection (default: ${DEFAULT-VALUE}).")
    String mongoCollection;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The JSON shape of a next-orders run. */
    record Report(
            String runId,
            LocalDate asOf,
            String model,
            String unit,
            String source,
            int horizonDays,
            long customers,
            long transactionsAfterAsOfExcluded,
            String buyerListRule,
            long buyers,
            Map<String, Double> params,
            Map<String, Double> spendParams,
            String spendNote,
            MongoPublisher.Result published) {}

    @Override
    public Integer call() {
        if (horizonDays < 1) {
            throw new UsageException("--horizon-days must be at least 1, was: " + horizonDays);
        }
        if (!(pAliveFloor >= 0 && pAliveFloor <= 1)) {
            throw new UsageException("--p-alive-floor must be between 0 and 1, was: " + pAliveFloor);
        }
        Optional<MongoPublisher.Target> target = Optional.ofNullable(publish)
                .map(uri -> UsageException.whenInvalid(
                        () -> new MongoPublisher.Target(uri, mongoDatabase, mongoCollection)));
        NextOrderPrediction.Options options = new NextOrderPrediction.Options(
                predict.source(),
                Optional.ofNullable(asOf).map(d -> PredictOptions.date("--as-of", d)),
                predict.unit(),
                predict.model(),
                horizonDays,
                pAliveFloor,
                predict.penalty(),
                BuyerListOptions.rule(buyerList),
                RunLedger.newRunId());
        try (Workspace workspace = Workspace.of(common)) {
            NextOrderPrediction.Result result =
                    PredictOptions.job(() -> NextOrderPrediction.run(workspace.lake(), options));
            MongoPublisher.Result published = target.map(t -> {
                        try {
                            return NextOrderPrediction.publish(workspace.lake(), result, t);
                        } catch (com.mongodb.MongoException e) {
                            throw new RunFailedException("cannot publish to MongoDB " + t + ": " + ExitCode.firstLine(e)
                                    + " (gold.next_order_predictions was written)");
                        }
                    })
                    .orElse(null);
            Report report = new Report(
                    result.runId(),
                    result.asOf(),
                    options.model().cliName(),
                    options.unit().cliName(),
                    options.source().cliName(),
                    horizonDays,
                    result.customers(),
                    result.futureTransactions(),
                    options.buyerList().toString(),
                    result.buyers(),
                    result.fit().params(),
                    result.spend().map(s -> s.model().parameters()).orElse(null),
                    result.spendProblem().orElse(null),
                    published);
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, report);
            } else {
                out.println("as of " + report.asOf() + ": " + report.customers() + " customers scored with "
                        + result.fit().type().label() + " (run " + report.runId()
                        + ") into gold.next_order_predictions");
                if (report.transactionsAfterAsOfExcluded() > 0) {
                    out.println(report.transactionsAfterAsOfExcluded()
                            + " transactions after the as-of date were excluded");
                }
                result.spendProblem().ifPresent(problem -> out.println("no expected spend: " + problem));
                out.println("buyer list (" + report.buyerListRule() + ", next " + horizonDays + " days): "
                        + report.buyers() + " customers"
                        + (published == null
                                ? ""
                                : "; published to " + target.get() + " (" + published.published() + " upserted, "
                                        + published.deleted() + " stale removed)"));
                Output.tableRows(
                        out,
                        result.buyerList()
                                .orderBy(col("p_order_in_horizon").desc(), col("customer_id"))
                                .select(
                                        "customer_id",
                                        "p_alive",
                                        "p_order_in_horizon",
                                        "expected_orders_in_horizon",
                                        "predicted_next_order_date",
                                        "expected_spend",
                                        "baseline_next_order_date")
                                .limit(20));
            }
            return ExitCode.OK;
        }
    }
}
