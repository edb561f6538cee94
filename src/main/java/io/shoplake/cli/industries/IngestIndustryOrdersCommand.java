package io.shoplake.cli.industries;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.industries.OrdersFileIngest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest industry-orders --from PATH}: order history (JSON Lines) into bronze and silver. */
@Command(
        name = "industry-orders",
        mixinStandardHelpOptions = true,
        description = "Load order history (JSON Lines, one order a line) into bronze.industry_orders_raw, "
                + "silver.industry_orders and silver.industry_order_lines; each file once, bad orders and repeated "
                + "order_ids quarantined with the reason.")
public final class IngestIndustryOrdersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "PATH",
            description = "A JSON Lines file, or a folder of .jsonl/.ndjson/.json files.")
    Path from;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UsageException("--from must be a file or a folder, was: " + from + " (not found)");
        }
        OrdersFileIngest.Result result;
        try (Workspace workspace = Workspace.of(common)) {
            result = new OrdersFileIngest(workspace.lake()).ingest(from, RunLedger.newRunId());
        }
        output.print(spec.commandLine().getOut(), result, IngestIndustryOrdersCommand::print);
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, OrdersFileIngest.Result result) {
        for (Path ignored : result.ignored()) {
            out.println("ignored: " + ignored.getFileName() + " (not .jsonl, .ndjson or .json)");
        }
        Output.table(
                out,
                List.of("file", "status", "messages", "orders added", "already present", "quarantined"),
                result.files().stream()
                        .map(f -> List.of(
                                f.file().getFileName().toString(),
                                f.alreadyLoaded() ? "ALREADY_LOADED" : "LOADED",
                                String.valueOf(f.written().received()),
                                String.valueOf(f.written().added()),
                                String.valueOf(f.written().alreadyPresent()),
                                String.valueOf(f.written().quarantined())))
                        .toList());
        out.println("run " + result.runId());
    }
}
