package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.TableId;
import io.shoplake.quality.DqResults;
import io.shoplake.quality.QualityReport;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake quality report [--table T] [--days N]}: checks run, failed and the newest result per expectation. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Per table and expectation over the last N days of results: checks run, checks failed, rows "
                + "failed, and the newest result with its detail.")
public final class QualityReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(names = "--table", paramLabel = "LAYER.NAME", description = "Only this table, e.g. silver.c360_customers.")
    String table;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "7",
            description = "Days up to the newest result (default: ${DEFAULT-VALUE}).")
    int days;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<String> only = Optional.ofNullable(table)
                .map(t -> UsageException.whenInvalid(() -> TableId.parse(t)).toString());
        if (days < 1) {
            throw new UsageException("--days must be at least 1, was: " + days);
        }
        QualityReport.Report report;
        try (Workspace workspace = Workspace.of(common)) {
            report = QualityReport.of(new DqResults(workspace.lake()).all(), only, days);
        }
        if (output.json()) {
            java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("from", report.from().map(Object::toString).orElse(null));
            json.put("to", report.to().map(Object::toString).orElse(null));
            json.put("lines", report.lines());
            Output.json(spec.commandLine().getOut(), json);
            return ExitCode.OK;
        }
        output.print(spec.commandLine().getOut(), report, (out, r) -> {
            if (r.lines().isEmpty()) {
                out.println(
                        "no data-quality results" + only.map(t -> " for " + t).orElse("") + " yet");
                return;
            }
            out.println("data quality " + r.from().get() + " to " + r.to().get());
            Output.table(
                    out,
                    List.of("table", "expectation", "action", "checks", "failed", "rows failed", "latest", "detail"),
                    r.lines().stream()
                            .map(l -> List.of(
                                    l.table(),
                                    l.expectation(),
                                    l.action(),
                                    String.valueOf(l.checks()),
                                    String.valueOf(l.failedChecks()),
                                    String.valueOf(l.rowsFailed()),
                                    l.latestDay()
                                            + (l.latestPassed()
                                                    ? " passed"
                                                    : " FAILED " + l.latestRowsFailed() + "/" + l.latestRowsChecked()),
                                    l.latestDetail() == null ? "" : l.latestDetail()))
                            .toList());
        });
        return ExitCode.OK;
    }
}
