package io.shoplake.cli.orders;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.Secrets;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.orders.OrderDatabaseIngest;
import io.shoplake.sources.jdbc.IncrementalKeys;
import io.shoplake.sources.jdbc.JdbcLoadResult;
import io.shoplake.sources.jdbc.JdbcSource;
import io.shoplake.sources.jdbc.JdbcSourceException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code --jdbc} half of {@code ingest orders}: credentials, the load, and its report. */
public final class IngestOrdersJdbc {

    static final String USER_ENV = "SHOPLAKE_JDBC_USER";
    static final String PASSWORD_ENV = "SHOPLAKE_JDBC_PASSWORD";

    private IngestOrdersJdbc() {}

    static int run(
            CommonOptions common,
            JsonOption output,
            String url,
            String incrementalKey,
            String user,
            String passwordFile,
            PrintWriter out) {
        JdbcSource source = source(url, user, passwordFile);
        IncrementalKeys keys;
        try {
            keys = incrementalKey == null ? IncrementalKeys.NONE : IncrementalKeys.parse(incrementalKey);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--incremental-key: " + e.getMessage());
        }
        String runId = RunLedger.newRunId();
        List<JdbcLoadResult> results;
        try (Workspace workspace = Workspace.of(common)) {
            results = OrderDatabaseIngest.ingest(workspace.lake(), source, keys, runId);
        } catch (JdbcSourceException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
        print(out, output.json(), runId, source, results);
        return ExitCode.OK;
    }

    /** The source with credentials from the options, else the environment; never echoed. */
    static JdbcSource source(String url, String user, String passwordFile) {
        try {
            Optional<String> password =
                    passwordFile != null ? Secrets.fromFile(passwordFile) : Secrets.fromEnv(PASSWORD_ENV);
            return new JdbcSource(url, Optional.ofNullable(user).or(() -> Secrets.fromEnv(USER_ENV)), password);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--jdbc: " + e.getMessage());
        }
    }

    private static void print(
            PrintWriter out, boolean json, String runId, JdbcSource source, List<JdbcLoadResult> results) {
        List<Map<String, Object>> tables = results.stream()
                .map(result -> {
                    Map<String, Object> table = new LinkedHashMap<>();
                    table.put("source_table", result.sourceTable());
                    table.put("table", result.target().toString());
                    table.put("mode", result.mode());
                    table.put("rows", result.rows());
                    table.put("key_above", result.keyAbove().orElse(null));
                    table.put("note", result.note().orElse(null));
                    return table;
                })
                .toList();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("run_id", runId);
            report.put("source", source.displayUrl());
            report.put("tables", tables);
            Output.json(out, report);
            return;
        }
        out.println("source: " + source.displayUrl() + " (run " + runId + ")");
        Output.table(
                out,
                List.of("source_table", "table", "mode", "rows", "key_above", "note"),
                tables.stream()
                        .map(t -> t.values().stream()
                                .map(v -> v == null ? "" : String.valueOf(v))
                                .toList())
                        .toList());
    }
}
