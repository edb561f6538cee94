package io.shoplake.cli.covid;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.covid.CovidCases;
import io.shoplake.pipelines.covid.CovidJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shoplake run covid}: rebuild the COVID silver and gold tables from bronze.api_covid. */
@Command(
        name = "covid",
        mixinStandardHelpOptions = true,
        description = "Rebuild silver.covid_cases and gold.covid_daily from bronze.api_covid (after `ingest api "
                + "--name covid` or `ingest covid`).")
public final class RunCovidCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.of(common)) {
            if (!workspace.lake().exists(CovidCases.BRONZE)) {
                throw new RunFailedException(CovidCases.BRONZE + " does not exist: load it with `shoplake ingest "
                        + "covid --from FILE` or `shoplake ingest api --name covid --url URL`");
            }
            CovidJob.Result result = new CovidJob(workspace.lake(), workspace.runs()).run(RunLedger.newRunId());
            json.print(spec.commandLine().getOut(), result, CovidOutput::print);
            return ExitCode.OK;
        }
    }
}
