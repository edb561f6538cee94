package io.shoplake.cli;

import io.shoplake.jobs.orders.SilverBuildReport;
import io.shoplake.jobs.orders.SilverOrdersBuild;
import io.shoplake.jobs.orders.SilverTableReport;
import io.shoplake.lakehouse.RunLedger;
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

/** {@code shoplake build <domain>}: builds a domain's silver tables from bronze. */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = "Build silver tables (typed, checked, de-duplicated) from bronze.",
        subcommands = BuildCommand.Orders.class)
final class BuildCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing domain (one of: orders)");
    }

    /** {@code shoplake build orders}. */
    @Command(
            name = "orders",
            mixinStandardHelpOptions = true,
            description = "Build silver.customers, employees, products, orders and order_items from bronze; "
                    + "rejects go to quarantine.silver_<table>, expectation counts to ops.dq_results.")
    static final class Orders implements Callable<Integer> {

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
                } catch (ExpectationFailedException e) {
                    throw new RunFailedException(e.getMessage());
                }
                output.print(spec.commandLine().getOut(), report, Orders::print);
                return Main.OK;
            }
        }

        static void print(PrintWriter out, SilverBuildReport report) {
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
                        .forEach((name, count) ->
                                reasons.add(List.of(table.table(), "WARN", name, String.valueOf(count))));
            }
            Output.table(out, List.of("table", "rows_in", "rows_out", "duplicates_superseded", "quarantined"), rows);
            if (!reasons.isEmpty()) {
                out.println();
                out.println("failed expectations (a row may fail several):");
                Output.table(out, List.of("table", "action", "expectation", "rows"), reasons);
            }
        }
    }
}
