package io.shoplake.cli.memberships;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.memberships.MembershipIngest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest applications}: membership application files into members and export files. */
@Command(
        name = "applications",
        mixinStandardHelpOptions = true,
        description = "Load new membership application CSV files (name,email,date_of_birth,mobile_no) into "
                + "bronze.applications, validate them into silver.applications, merge the successful ones into "
                + "gold.members and write <out>/successful/<run>.csv and <out>/unsuccessful/<run>.csv.")
public final class IngestApplicationsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DIR",
            description = "Folder of application CSV files (or one file); files loaded before are skipped.")
    Path from;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where the run's CSV files go (default: <lake>/exports/memberships).")
    Path out;

    @Option(
            names = "--as-of-date",
            paramLabel = "DATE",
            description = "Date above_18 and birthdays are judged on (default: 2022-01-01).")
    LocalDate asOf;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UsageException("--from must be a folder or file, was: " + from);
        }
        LocalDate date = asOf == null ? MembershipIngest.DEFAULT_AS_OF : asOf;
        try (Workspace workspace = Workspace.of(common)) {
            Path folder = out != null
                    ? out
                    : MembershipIngest.defaultOut(UsageException.whenInvalid(
                            () -> workspace.settings().localDirectory("the default export folder (without --out)")));
            MembershipIngest.Report report =
                    new MembershipIngest(workspace.lake()).run(from, folder, date, RunLedger.newRunId());
            PrintWriter stdout = spec.commandLine().getOut();
            output.print(stdout, report, this::print);
            if (!report.clashes().isEmpty()) {
                spec.commandLine()
                        .getErr()
                        .println("warning: membership ids held by more than one member (kept, see ops.dq_results): "
                                + String.join(", ", report.clashes()));
            }
            if (!report.unusableFiles().isEmpty()) {
                throw new RunFailedException("unusable application files (others were loaded): "
                        + String.join("; ", report.unusableFiles()));
            }
            return ExitCode.OK;
        }
    }

    private void print(PrintWriter out, MembershipIngest.Report report) {
        out.println("files: " + report.filesLoaded() + " loaded, " + report.filesAlreadyLoaded()
                + " already loaded; as of " + report.asOf() + "; run " + report.runId());
        out.println("new applications: " + report.newRows() + " (" + report.newSuccessful() + " successful, "
                + report.newUnsuccessful() + " unsuccessful, " + report.newUnparsable() + " unparsable)");
        out.println(
                "silver.applications: " + report.applications() + " rows; gold.members: " + report.members() + " rows");
        if (report.exports().isEmpty()) {
            out.println("exports: none (no new rows)");
        } else {
            report.exports().forEach(uri -> out.println("export: " + Path.of(uri)));
        }
    }
}
