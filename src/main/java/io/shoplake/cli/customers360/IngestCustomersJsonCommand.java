package io.shoplake.cli.customers360;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.customers360.CustomerExportIngest;
import io.shoplake.pipelines.customers360.Customers360Config;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest customers-json --from FILE|DIR}: customer exports into bronze, streamed, each file once. */
@Command(
        name = "customers-json",
        mixinStandardHelpOptions = true,
        description = "Load customer exports (customers-YYYY-MM-DD.json) into bronze.c360_customer_records, streamed "
                + "record by record; each file once; a truncated file loads up to the break, which is quarantined.")
public final class IngestCustomersJsonCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(names = "--from", required = true, paramLabel = "FILE|DIR", description = "An export or a folder of them.")
    Path from;

    @Option(
            names = "--day",
            paramLabel = "YYYY-MM-DD",
            description = "The export's day (default: the date in the file name customers-YYYY-MM-DD.json).")
    LocalDate day;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Map.Entry<Path, LocalDate>> plan =
                UsageException.whenInvalid(() -> CustomerExportIngest.plan(from, Optional.ofNullable(day)));
        if (plan.isEmpty()) {
            throw new UsageException("no .json files in " + from);
        }
        var err = spec.commandLine().getErr();
        List<CustomerExportIngest.FileResult> results;
        String runId = RunLedger.newRunId();
        try (Workspace workspace = Workspace.of(common)) {
            Customers360Config config = workspace.config().section(Customers360Config.KEY, Customers360Config.class);
            results = new CustomerExportIngest(workspace.lake(), config, line -> {
                        err.println("  " + line);
                        err.flush();
                    })
                    .ingest(plan, runId);
        }
        var out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("run_id", runId);
            report.put(
                    "files",
                    results.stream()
                            .map(r -> {
                                Map<String, Object> f = new LinkedHashMap<>();
                                f.put("file", r.path().getFileName().toString());
                                f.put("day", r.day().toString());
                                f.put("status", r.status().name());
                                f.put("records", r.records());
                                f.put("quarantined", r.quarantined());
                                f.put("break", r.breakReason().orElse(null));
                                f.put("schema_drift", r.schemaDrift().orElse(null));
                                return f;
                            })
                            .toList());
            Output.json(out, report);
        } else {
            Output.table(
                    out,
                    List.of("file", "day", "status", "records", "quarantined"),
                    results.stream()
                            .map(r -> List.of(
                                    r.path().getFileName().toString(),
                                    r.day().toString(),
                                    r.status().name(),
                                    String.valueOf(r.records()),
                                    String.valueOf(r.quarantined())))
                            .toList());
            for (CustomerExportIngest.FileResult r : results) {
                r.breakReason().ifPresent(reason -> out.println(r.path().getFileName() + ": " + reason));
                r.schemaDrift().ifPresent(drift -> out.println(r.path().getFileName() + ": schema drift: " + drift));
            }
            out.println("run " + runId);
        }
        return ExitCode.OK;
    }
}
