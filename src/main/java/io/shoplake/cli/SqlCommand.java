package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoplake sql}: ad-hoc Spark SQL over every lake table, written {@code layer.table}. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = "Run a SQL query over the lake; name tables layer.table (e.g. silver.orders).")
final class SqlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
    String query;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(
            names = "--limit",
            defaultValue = "1000",
            description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    static final class Format {
        @Option(names = "--json", description = "A JSON array of row objects.")
        boolean json;

        @Option(names = "--csv", description = "CSV with a header line.")
        boolean csv;
    }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, was: " + limit);
        }
        try (Workspace workspace = Workspace.ofExistingLake(common)) {
            Dataset<Row> rows;
            try {
                rows = workspace.lake().sql(query).limit(limit);
            } catch (Exception e) {
                // Spark throws AnalysisException (checked in Java's eyes) for unknown tables and bad syntax.
                if (e instanceof org.apache.spark.sql.AnalysisException) {
                    throw new UsageException("invalid query: " + ExitCode.firstLine(e));
                }
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            var out = spec.commandLine().getOut();
            if (format.json) {
                Output.jsonRows(out, rows);
            } else if (format.csv) {
                Output.csvRows(out, rows);
            } else {
                Output.tableRows(out, rows);
            }
            return Main.OK;
        }
    }
}
