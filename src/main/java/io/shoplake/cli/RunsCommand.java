package io.shoplake.cli;

import static org.apache.spark.sql.functions.col;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake runs}: the run history from {@code ops.runs}. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Show the run history (ops.runs), newest first.")
final class RunsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--limit",
            defaultValue = "50",
            description = "Show at most this many steps (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--job", description = "Only steps of this job.")
    String job;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new UsageException("--limit must be at least 1, was: " + limit);
        }
        try (Workspace workspace = Workspace.ofExistingLake(common)) {
            Dataset<Row> runs = workspace.runs().history();
            if (job != null) {
                runs = runs.where(col("job").equalTo(job));
            }
            runs = runs.limit(limit);
            if (output.json()) {
                Output.jsonRows(spec.commandLine().getOut(), runs);
            } else {
                Output.tableRows(
                        spec.commandLine().getOut(),
                        runs.select(
                                "run_id",
                                "job",
                                "step",
                                "as_of",
                                "started_at",
                                "status",
                                "rows_in",
                                "rows_out",
                                "rows_quarantined",
                                "error"));
            }
            return Main.OK;
        }
    }
}
