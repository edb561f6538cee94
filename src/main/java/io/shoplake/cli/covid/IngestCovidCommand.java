package io.shoplake.cli.covid;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.covid.CovidJob;
import io.shoplake.sources.http.ApiIngest;
import io.shoplake.sources.http.ApiSourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest covid --from FILE}: a saved COVID API response into bronze, silver and gold. */
@Command(
        name = "covid",
        mixinStandardHelpOptions = true,
        description =
                "Load a saved COVID-19 API response (a JSON array of {Country, CountryCode, ..., Cases, Status, "
                        + "Date}) into bronze.api_covid (each file once), then rebuild silver.covid_cases and gold.covid_daily.")
public final class IngestCovidCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The saved response (JSON).")
    Path from;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(from)) {
            throw new UsageException("--from must be a file, was: " + from);
        }
        var out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.of(common)) {
            String runId = RunLedger.newRunId();
            ApiIngest.SavedResult saved;
            try {
                saved = new ApiIngest(workspace.lake(), workspace.runs(), Clock.systemUTC(), line -> {})
                        .loadSaved("covid", from, Optional.empty(), Optional.of("Date"), runId);
            } catch (ApiSourceException e) {
                throw new RunFailedException(e.getMessage());
            }
            if (!json.json()) {
                out.println(
                        saved.alreadyLoaded()
                                ? from + " was loaded before (same content): nothing new in " + saved.table()
                                : saved.loaded() + " records from " + from + " into " + saved.table());
            }
            CovidJob.Result result = new CovidJob(workspace.lake(), workspace.runs()).run(runId);
            json.print(out, result, CovidOutput::print);
            return ExitCode.OK;
        }
    }
}
