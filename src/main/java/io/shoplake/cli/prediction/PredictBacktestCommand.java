package io.shoplake.cli.prediction;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.prediction.Backtest;
import io.shoplake.pipelines.prediction.BacktestReport;
import io.shoplake.pipelines.prediction.BacktestTracking;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake predict backtest}: fit on a calibration period and score the model against a holdout. */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description =
                "Fit up to --calibration-end, predict (calibration end, --holdout-end], compare with what happened.")
public final class PredictBacktestCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    PredictOptions predict;

    @Mixin
    JsonOption output;

    @Option(names = "--calibration-end", required = true, paramLabel = "DATE", description = "Last day of calibration.")
    String calibrationEnd;

    @Option(names = "--holdout-end", required = true, paramLabel = "DATE", description = "Last day of the holdout.")
    String holdoutEnd;

    @Option(
            names = "--horizon-days",
            defaultValue = "7",
            paramLabel = "N",
            description = "Buyer-list horizon after the calibration end (default: ${DEFAULT-VALUE}).")
    int horizonDays;

    @ArgGroup(exclusive = true)
    BuyerListOptions buyerList;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate calibration = PredictOptions.date("--calibration-end", calibrationEnd);
        LocalDate holdout = PredictOptions.date("--holdout-end", holdoutEnd);
        Backtest.Options options = UsageException.whenInvalid(() -> new Backtest.Options(
                calibration,
                holdout,
                predict.unit(),
                predict.model(),
                horizonDays,
                predict.penalty(),
                BuyerListOptions.rule(buyerList)));
        try (Workspace workspace = Workspace.of(common)) {
            var transactions = predict.transactions(workspace.lake());
            BacktestReport report = PredictOptions.job(() -> Backtest.run(transactions, options));
            // The dashboard and Grafana chart the last backtest's weekly tracking from this table.
            BacktestTracking.write(workspace.lake(), report);
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, report);
            } else {
                out.println(report.model() + " calibrated to " + report.calibrationEnd() + " on " + report.customers()
                        + " customers; holdout to " + report.holdoutEnd());
                out.println(String.format(
                        Locale.ROOT,
                        "holdout repeat purchases: actual %d, predicted %.1f; cumulative:"
                                + " actual %d, predicted %.1f; correlation %s, MAE %.4f",
                        report.holdout().actual(),
                        report.holdout().predicted(),
                        report.cumulative().actual(),
                        report.cumulative().predicted(),
                        report.correlation() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", report.correlation()),
                        report.mae()));
                List<List<String>> bins = new ArrayList<>();
                for (BacktestReport.FrequencyBin bin : report.byFrequency()) {
                    bins.add(List.of(
                            bin.x(),
                            Long.toString(bin.customers()),
                            fixed(bin.actualMean()),
                            fixed(bin.predictedMean())));
                }
                Output.table(out, List.of("x", "customers", "actual_mean", "predicted_mean"), bins);
                out.println("buyer list in the first " + horizonDays + " days: model "
                        + scores(report.buyerList().model()) + "; baseline "
                        + scores(report.buyerList().baseline()));
            }
            return ExitCode.OK;
        }
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String scores(BacktestReport.Scores scores) {
        return "precision " + ratio(scores.precision()) + ", recall " + ratio(scores.recall()) + ", F1 "
                + ratio(scores.f1());
    }

    private static String ratio(Double value) {
        return value == null ? "n/a" : fixed(value);
    }
}
