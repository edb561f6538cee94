package io.shoplake.cli.prediction;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.prediction.CustomerSummary;
import io.shoplake.pipelines.prediction.FitReport;
import io.shoplake.pipelines.prediction.ModelFit;
import io.shoplake.pipelines.prediction.PatternSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake predict fit}: fits the purchase model and prints parameters, standard errors, log-likelihood. */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = "Fit the purchase model on the transactions up to the calibration end.")
public final class PredictFitCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    PredictOptions predict;

    @Mixin
    JsonOption output;

    @Option(
            names = "--calibration-end",
            paramLabel = "DATE",
            description = "Fit on transactions up to this date (default: the latest date in the data).")
    String calibrationEnd;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var model = predict.model();
        var unit = predict.unit();
        double penalty = predict.penalty();
        LocalDate end = calibrationEnd == null ? null : PredictOptions.date("--calibration-end", calibrationEnd);
        try (Workspace workspace = Workspace.of(common)) {
            Dataset<Row> transactions = predict.transactions(workspace.lake());
            ModelFit fit = PredictOptions.job(() -> {
                LocalDate asOf = end != null ? end : CustomerSummary.latestDate(transactions);
                CustomerSummary.Result summary = CustomerSummary.summarize(transactions, asOf);
                return ModelFit.fit(model, PatternSet.of(CustomerSummary.patterns(summary.customers()), unit), penalty);
            });
            FitReport report = FitReport.of(fit);
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, report);
            } else {
                out.println(fit.type().label() + " fitted on " + report.customers() + " customers (unit: "
                        + report.unit() + "), log-likelihood "
                        + String.format(java.util.Locale.ROOT, "%.4f", report.logLikelihood()));
                List<List<String>> rows = new ArrayList<>();
                for (Map.Entry<String, Double> entry : report.params().entrySet()) {
                    rows.add(List.of(
                            entry.getKey(),
                            format(entry.getValue()),
                            format(report.stdErrors().get(entry.getKey()))));
                }
                Output.table(out, List.of("parameter", "estimate", "std_error"), rows);
            }
            return ExitCode.OK;
        }
    }

    static String format(Double value) {
        return value == null || value.isNaN() ? "" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
