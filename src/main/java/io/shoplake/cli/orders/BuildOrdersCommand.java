package io.shoplake.cli.orders;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.orders.SilverBuildReport;
import io.shoplake.pipelines.orders.SilverOrdersBuild;
import io.shoplake.pipelines.orders.SilverTableReport;
import io.shoplake.quality.ExpectationFailedException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake build orders}. */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = "Build silver.customers, employees, products, orders and order_items from bronze; "
                + "rejects go to quarantine.silver_<table>, expectation counts to ops.dq_results.")
public final class BuildOrdersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "As-of date for freshness checks (default: the latest order date in bronze).")
    LocalDate asOf;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.of(common)) {
            SilverBuildReport report;
            try {
                report = new SilverOrdersBuild(workspace.lake(), workspace.runs())
                        .build(RunLedger.newRunId(), Optional.ofNullable(asOf));
            } catch (ExpectationFailedException | SilverOrdersBuild.MissingBronzeException e) {
                throw new RunFailedException(e.getMessage());
            }
            output.print(spec.commandLine().getOut(), report, BuildOrdersCommand::print);
            return ExitCode.OK;
        }
    }

    public static void print(PrintWriter out, SilverBuildReport report) {
        out.println("run " + report.runId() + ", as of " + report.asOf());
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> reasons = new ArrayList<>();
        for (SilverTableReport table : report.tables()) {
            rows.add(List.of(
                    table.table(),
                    String.valueOf(table.rowsIn()),
                    String.valueOf(table.rowsOut()),
                    String.valueOf(table.duplicatesSuperseded()),
                    String.valueOf(table.quarantined())));
            table.quarantinedByExpectation()
                    .forEach((name, count) ->
                            reasons.add(List.of(table.table(), "QUARANTINE", name, String.valueOf(count))));
            table.warnings()
                    .forEach((name, count) -> reasons.add(List.of(table.table(), "WARN", name, String.valueOf(count))));
        }
        Output.table(out, List.of("table", "rows_in", "rows_out", "duplicates_superseded", "quarantined"), rows);
        if (!reasons.isEmpty()) {
            out.println();
            out.println("failed expectations (a row may fail several):");
            Output.table(out, List.of("table", "action", "expectation", "rows"), reasons);
        }
    }
}
