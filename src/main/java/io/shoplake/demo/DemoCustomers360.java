package io.shoplake.demo;

import io.shoplake.console.Output;
import io.shoplake.pipelines.customers360.CustomerExportIngest;
import io.shoplake.pipelines.customers360.Customers360Build;
import io.shoplake.pipelines.customers360.Customers360Config;
import io.shoplake.pipelines.customers360.generator.CustomersJsonGenerator;
import io.shoplake.pipelines.customers360.generator.CustomersJsonSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's customer-360 step: two days of nested customer JSON (small, with defects) through bronze, silver and
 * the gold star; the second day merges only what changed.
 */
final class DemoCustomers360 {

    private static final int CUSTOMERS = 200;
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 6, 1);

    private DemoCustomers360() {}

    static void buildCustomer360(DemoRun run) throws IOException {
        Path exports = run.settings().lake().resolve("customer-exports");
        for (int d = 0; d < 2; d++) {
            CustomersJsonSettings settings = new CustomersJsonSettings(
                    CUSTOMERS, FIRST_DAY.plusDays(d), run.settings().seed(), 0.05, false);
            new CustomersJsonGenerator(settings).write(exports.resolve(settings.fileName()), n -> {});
        }
        new CustomerExportIngest(run.lake(), Customers360Config.DEFAULT, line -> {})
                .ingest(CustomerExportIngest.plan(exports, Optional.empty()), run.runId());
        Customers360Build build = new Customers360Build(run.lake(), Customers360Config.DEFAULT);
        List<List<String>> rows = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            Customers360Build.Result r = build.build(FIRST_DAY.plusDays(d), run.runId());
            rows.add(List.of(
                    r.day().toString(),
                    String.valueOf(r.records()),
                    String.valueOf(r.quarantinedRecords()),
                    String.valueOf(r.customersFailingChecks()),
                    String.valueOf(r.customersChanged()),
                    String.valueOf(r.customerVersionsOpened()),
                    String.valueOf(r.factRowsWritten())));
        }
        Output.table(
                run.out(),
                List.of(
                        "day",
                        "records",
                        "quarantined",
                        "failing checks",
                        "customers merged",
                        "versions opened",
                        "facts merged"),
                rows);
    }
}
