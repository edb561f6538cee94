package io.shoplake.cli.industries;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.industries.CustomersIngest;
import io.shoplake.pipelines.industries.ReferenceIndustries;
import io.shoplake.sources.files.FileStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest industry-customers --from PATH [--industries FILE]}. */
@Command(
        name = "industry-customers",
        mixinStandardHelpOptions = true,
        description = "Load customers drops (CSV customer_id,company_name,specialized_industries) into "
                + "silver.industry_customers (MERGE, the newest drop wins) and silver.industry_customer_industries; "
                + "industries matched to the reference list, near misses corrected with a DQ warning, unknown ones "
                + "quarantined.")
public final class IngestIndustryCustomersCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "PATH",
            description = "A customers CSV or a folder of them.")
    Path from;

    @Option(
            names = "--industries",
            paramLabel = "FILE",
            description = "The reference list (CSV with the header 'industry'); default: the list in the lake, "
                    + "else the ten of the brief.")
    Path industries;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UsageException("--from must be a file or a folder, was: " + from + " (not found)");
        }
        if (industries != null && !Files.isRegularFile(industries)) {
            throw new UsageException("--industries must be a file, was: " + industries + " (not found)");
        }
        Optional<ReferenceIndustries> reference = industries == null
                ? Optional.empty()
                : Optional.of(UsageException.whenInvalid(() -> ReferenceIndustries.fromCsv(industries)));
        CustomersIngest.Result result;
        try (Workspace workspace = Workspace.of(common)) {
            result = new CustomersIngest(workspace.lake()).ingest(from, reference, RunLedger.newRunId());
        }
        output.print(spec.commandLine().getOut(), result, IngestIndustryCustomersCommand::print);
        List<String> unusable = result.files().stream()
                .filter(f -> f.status() == FileStatus.UNUSABLE)
                .map(f -> f.message().orElse(f.path().toString()))
                .toList();
        if (!unusable.isEmpty()) {
            throw new RunFailedException(unusable.stream().collect(Collectors.joining("; ")));
        }
        return ExitCode.OK;
    }

    private static void print(PrintWriter out, CustomersIngest.Result result) {
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
                "silver.industry_customers: %d rows read, %d customers merged, %d superseded within the drop, "
                        + "%d quarantined%n",
                result.rowsIn(), result.customersMerged(), result.superseded(), result.customersQuarantined());
        out.printf(
                "industries: %d kept (%d corrected), %d quarantined; reference: %d industries%n",
                result.industriesKept(),
                result.industriesCorrected(),
                result.industriesQuarantined(),
                result.reference().names().size());
        for (String correction : result.corrections()) {
            out.println("corrected (DQ warning): " + correction);
        }
        out.println("run " + result.runId());
    }
}
