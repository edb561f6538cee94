package io.shoplake.cli.flyers;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.flyers.EventsIngest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest events --from PATH}: app events (CSV or JSON Lines) into bronze.events and silver.events. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Load app event files (.csv, .jsonl/.ndjson/.json) into bronze.events and silver.events; "
                + "each file once, bad rows quarantined with the reason.")
public final class IngestEventsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Mixin
    MetricOptions metric;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "An events file or a folder of them.")
    Path from;

    @Option(
            names = "--reload",
            description = "Replace the earlier load of the --from file(s): their bronze rows, quarantined lines and "
                    + "ops.files entries go, then they load again.")
    boolean reload;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UsageException("--from must be a file or a folder, was: " + from + " (not found)");
        }
        EventsIngest.Result result;
        try (Workspace workspace = Workspace.of(common)) {
            result = new EventsIngest(workspace.lake(), metric.settings(workspace.config()))
                    .ingest(from, RunLedger.newRunId(), reload);
        }
        var out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("run_id", result.runId());
            report.put(
                    "files",
                    result.files().stream()
                            .map(f -> Map.of(
                                    "file",
                                    f.path().getFileName().toString(),
                                    "status",
                                    f.status().name(),
                                    "rows",
                                    f.rows(),
                                    "quarantined",
                                    f.quarantined()))
                            .toList());
            report.put("ignored", result.ignored().stream().map(Path::toString).toList());
            report.put("silver_in", result.silverIn());
            report.put("silver_added", result.silverAdded());
            report.put("silver_already_present", result.silverAlreadyPresent());
            report.put("silver_quarantined", result.silverQuarantined());
            Output.json(out, report);
        } else {
            for (Path ignored : result.ignored()) {
                out.println("ignored: " + ignored.getFileName() + " (not .csv, .jsonl, .ndjson or .json)");
            }
            Output.table(
                    out,
                    List.of("file", "status", "bronze rows", "quarantined"),
                    result.files().stream()
                            .map(f -> List.of(
                                    f.path().getFileName().toString(),
                                    f.status().name(),
                                    String.valueOf(f.rows()),
                                    String.valueOf(f.quarantined())))
                            .toList());
            out.printf(
                    "silver.events: %d read, %d added, %d already present, %d quarantined (run %s)%n",
                    result.silverIn(),
                    result.silverAdded(),
                    result.silverAlreadyPresent(),
                    result.silverQuarantined(),
                    result.runId());
        }
        List<FileIngestResult> unusable = result.files().stream()
                .filter(f -> f.status() == FileStatus.UNUSABLE)
                .toList();
        if (!unusable.isEmpty()) {
            throw new RunFailedException(unusable.stream()
                    .map(f -> f.message().orElse(f.path().toString()))
                    .collect(Collectors.joining("; ")));
        }
        return ExitCode.OK;
    }
}
