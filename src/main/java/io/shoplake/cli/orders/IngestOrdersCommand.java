package io.shoplake.cli.orders;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.orders.OrderFiles;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import io.shoplake.sources.files.FileIngestResult;
import io.shoplake.sources.files.FileStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shoplake ingest orders --from DIR | --jdbc URL}: loads the orders source CSVs of a folder into bronze. Good files are
 * loaded even when another file is unusable; the command then exits 1 naming the unusable files.
 */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = "Load customers, employees, products, orders and order_details into bronze.<table>.")
public final class IngestOrdersCommand implements Callable<Integer> {

    static final String JOB = "ingest-orders";

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the orders come from: exactly one of these. */
    static final class Source {
        @Option(
                names = "--from",
                paramLabel = "DIR",
                required = true,
                description = "Folder of <table>.csv files (or split parts <table>-<part>.csv).")
        Path from;

        @Option(
                names = "--jdbc",
                paramLabel = "URL",
                required = true,
                description = "MySQL/MariaDB or PostgreSQL database holding the five tables, e.g. "
                        + "jdbc:mysql://127.0.0.1:3307/shoplake. Credentials: --user/--password-file, else "
                        + "$SHOPLAKE_JDBC_USER/$SHOPLAKE_JDBC_PASSWORD.")
        String jdbc;
    }

    @Option(
            names = "--incremental-key",
            paramLabel = "COLUMN",
            description = "With --jdbc: load only rows whose key is above the highest already in bronze. COLUMN for "
                    + "every table, or TABLE=COLUMN entries, e.g. id,order_details=order_id. Default: full loads.")
    String incrementalKey;

    @Option(
            names = "--user",
            paramLabel = "USER",
            description = "With --jdbc: database user (default: $SHOPLAKE_JDBC_USER).")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "With --jdbc: file whose first line is the password (default: $SHOPLAKE_JDBC_PASSWORD).")
    String passwordFile;

    @Option(
            names = "--reload",
            paramLabel = "FILE",
            description = "With --from: replace the earlier load of this file of the folder (its bronze rows, "
                    + "quarantined lines and ops.files entries) with its current content. Repeatable.")
    List<String> reload = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (source.jdbc != null) {
            return IngestOrdersJdbc.run(
                    common,
                    output,
                    source.jdbc,
                    incrementalKey,
                    user,
                    passwordFile,
                    spec.commandLine().getOut());
        }
        if (incrementalKey != null || user != null || passwordFile != null) {
            throw new UsageException("--incremental-key, --user and --password-file go with --jdbc, not --from");
        }
        if (!reload.isEmpty() && source.jdbc != null) {
            throw new UsageException("--reload goes with --from, not --jdbc");
        }
        Path folder = source.from;
        if (!Files.isDirectory(folder)) {
            throw new UsageException("--from must be a folder, was: " + folder);
        }
        OrderFiles.Plan plan = OrderFiles.plan(fileNames(folder));
        if (plan.isEmpty()) {
            throw new RunFailedException("no orders files in " + folder + " (expected "
                    + OrderSources.LOAD_ORDER.stream().map(t -> t + ".csv").collect(Collectors.joining(", ")) + ")");
        }
        List<String> planned =
                plan.filesByTable().values().stream().flatMap(List::stream).toList();
        for (String name : reload) {
            if (!planned.contains(name)) {
                throw new UsageException("--reload names a file that is not an orders file of " + folder + ": " + name);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        String runId = RunLedger.newRunId();
        List<FileIngestResult> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Workspace workspace = Workspace.of(common)) {
            FileIngest ingest = new FileIngest(workspace.lake());
            for (Map.Entry<String, List<String>> table : plan.filesByTable().entrySet()) {
                if (table.getValue().isEmpty()) {
                    missing.add(table.getKey() + ".csv"
                            + (workspace.lake().exists(OrderSources.bronze(table.getKey()))
                                    ? " (bronze." + table.getKey() + " keeps its earlier loads)"
                                    : " (bronze." + table.getKey() + " has never been loaded: build orders needs it)"));
                }
                for (String file : table.getValue()) {
                    Path path = folder.resolve(file);
                    if (Files.isDirectory(path)) {
                        results.add(FileIngestResult.unusable(
                                path.toAbsolutePath().normalize(),
                                OrderSources.bronze(table.getKey()),
                                "",
                                path.toAbsolutePath().normalize() + ": a folder, not a file"));
                        continue;
                    }
                    FileIngestRequest request = FileIngestRequest.of(
                                    path, OrderSources.bronze(table.getKey()), FileFormat.CSV, runId, JOB)
                            .withRequiredColumns(OrderSources.COLUMNS.get(table.getKey()));
                    results.addAll(reload.contains(file) ? ingest.reload(request) : ingest.ingest(request));
                }
            }
        }
        print(out, runId, results, plan.ignored(), missing);
        List<FileIngestResult> unusable =
                results.stream().filter(r -> r.status() == FileStatus.UNUSABLE).toList();
        if (!unusable.isEmpty()) {
            throw new RunFailedException(
                    unusable.size() == 1
                            ? unusable.get(0).message().orElseThrow()
                            : unusable.size() + " files unusable: "
                                    + unusable.stream()
                                            .map(r -> r.message().orElseThrow())
                                            .collect(Collectors.joining("; ")));
        }
        return ExitCode.OK;
    }

    private void print(
            PrintWriter out, String runId, List<FileIngestResult> results, List<String> ignored, List<String> missing) {
        if (output.json()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("run_id", runId);
            report.put("files", results.stream().map(IngestOrdersCommand::json).toList());
            report.put("ignored", ignored);
            report.put("missing", missing);
            Output.json(out, report);
            return;
        }
        for (String name : ignored) {
            out.println("ignored: " + name + " (not an orders table)");
        }
        for (String name : missing) {
            out.println("missing: " + name);
        }
        Output.table(
                out,
                List.of("file", "table", "status", "rows", "quarantined"),
                results.stream()
                        .map(r -> List.of(
                                r.path().getFileName().toString(),
                                r.table().toString(),
                                r.status().name(),
                                String.valueOf(r.rows()),
                                String.valueOf(r.quarantined())))
                        .toList());
    }

    private static Map<String, Object> json(FileIngestResult result) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("file", result.path().getFileName().toString());
        file.put("table", result.table().toString());
        file.put("status", result.status().name());
        file.put("rows_in", result.rowsIn());
        file.put("rows", result.rows());
        file.put("quarantined", result.quarantined());
        file.put("blank_lines", result.blankLines());
        file.put("sha256", result.sha256());
        file.put("message", result.message().orElse(null));
        return file;
    }

    private static List<String> fileNames(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            // Every entry, not only readable files: a dangling link or a folder named products.csv is reported.
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
