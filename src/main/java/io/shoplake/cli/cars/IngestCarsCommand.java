package io.shoplake.cli.cars;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.cars.CarFileIngest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest cars}: the car evaluation CSV into silver.cars, values outside the allowed ones quarantined. */
@Command(
        name = "cars",
        mixinStandardHelpOptions = true,
        description = "Load the car evaluation data (headerless CSV: buying,maint,doors,persons,lug_boot,safety,class)"
                + " via bronze.cars into silver.cars; values outside the allowed ones to quarantine.")
public final class IngestCarsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "FILE",
            description = "The car.data file (or a folder of such files).")
    Path from;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UsageException("--from must be a file or folder, was: " + from);
        }
        try (Workspace workspace = Workspace.of(common)) {
            CarFileIngest.Report report;
            try {
                report = CarFileIngest.load(workspace.lake(), from, RunLedger.newRunId());
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            output.print(spec.commandLine().getOut(), report, (out, r) -> {
                out.println("silver.cars: " + r.loaded() + " rows loaded, " + r.quarantined()
                        + " quarantined (quarantine.silver_cars"
                        + (r.quarantinedBy().isEmpty() ? "" : ": ")
                        + String.join(
                                ", ",
                                r.quarantinedBy().entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .toList())
                        + ")"
                        + (r.repeatedAttributes() > 0
                                ? "; warning: " + r.repeatedAttributes() + " rows repeat the attributes of another row"
                                : ""));
                out.println("files: " + r.filesLoaded() + " loaded into bronze.cars (" + r.bronzeRows() + " rows, "
                        + r.bronzeQuarantined() + " unparsable lines quarantined), " + r.filesAlreadyLoaded()
                        + " already loaded; run " + r.runId());
            });
            return ExitCode.OK;
        }
    }
}
