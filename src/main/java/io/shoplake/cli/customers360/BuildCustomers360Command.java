package io.shoplake.cli.customers360;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.customers360.Customers360Build;
import io.shoplake.pipelines.customers360.Customers360Config;
import io.shoplake.quality.ExpectationFailedException;
import io.shoplake.quality.ExpectationResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake build customers360 [--day DATE]}: one export day into the silver tables and the gold star. */
@Command(
        name = "customers360",
        mixinStandardHelpOptions = true,
        description = "Build silver c360_* tables and the gold star (fact_transactions, dim_customer SCD2, "
                + "dim_product, dim_date) for one export day, merging only what changed.")
public final class BuildCustomers360Command implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--day",
            paramLabel = "YYYY-MM-DD",
            description = "The export day to build (default: the newest day in bronze).")
    LocalDate day;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Customers360Build.Result result;
        try (Workspace workspace = Workspace.of(common)) {
            Customers360Config config = workspace.config().section(Customers360Config.KEY, Customers360Config.class);
            Customers360Build build = new Customers360Build(workspace.lake(), config);
            LocalDate buildDay;
            try {
                buildDay = day != null ? day : build.latestDay();
                result = build.build(buildDay, RunLedger.newRunId());
            } catch (IllegalArgumentException | ExpectationFailedException e) {
                throw new RunFailedException(e.getMessage());
            }
        }
        var out = spec.commandLine().getOut();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("day", result.day().toString());
        report.put("records", result.records());
        report.put("customers", result.customers());
        report.put("duplicate_records", result.duplicateRecords());
        report.put("quarantined_records", result.quarantinedRecords());
        report.put("transactions", result.transactions());
        report.put("duplicate_transactions", result.duplicateTransactions());
        report.put("quarantined_transactions", result.quarantinedTransactions());
        report.put("customers_failing_checks", result.customersFailingChecks());
        report.put("customers_changed", result.customersChanged());
        report.put("transactions_changed", result.transactionsChanged());
        report.put("products_changed", result.productsChanged());
        report.put("customer_versions_opened", result.customerVersionsOpened());
        report.put("fact_rows_written", result.factRowsWritten());
        report.put("fact_orphans", result.factOrphans());
        if (output.json()) {
            report.put(
                    "quality",
                    result.quality().stream()
                            .map(q -> Map.of(
                                    "table", q.tableName(),
                                    "expectation", q.expectation(),
                                    "action", q.action().name(),
                                    "rows_checked", q.rowsChecked(),
                                    "rows_failed", q.rowsFailed()))
                            .toList());
            Output.json(out, report);
        } else {
            Output.table(
                    out,
                    List.of("measure", "value"),
                    report.entrySet().stream()
                            .map(e -> List.of(e.getKey(), String.valueOf(e.getValue())))
                            .toList());
            List<ExpectationResult> failed =
                    result.quality().stream().filter(q -> !q.passed()).toList();
            if (!failed.isEmpty()) {
                out.println("data quality (failed checks; all in ops.dq_results):");
                Output.table(
                        out,
                        List.of("table", "expectation", "action", "failed", "of", "detail"),
                        failed.stream()
                                .map(q -> List.of(
                                        q.tableName(),
                                        q.expectation(),
                                        q.action().name(),
                                        String.valueOf(q.rowsFailed()),
                                        String.valueOf(q.rowsChecked()),
                                        q.detail().orElse("")))
                                .toList());
            }
        }
        return ExitCode.OK;
    }
}
