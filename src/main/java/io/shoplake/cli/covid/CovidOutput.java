package io.shoplake.cli.covid;

import io.shoplake.console.Output;
import io.shoplake.pipelines.covid.CovidJob;
import java.io.PrintWriter;
import java.util.List;

/** The human table both covid commands print. */
final class CovidOutput {

    private CovidOutput() {}

    static void print(PrintWriter out, CovidJob.Result result) {
        Output.table(
                out,
                List.of("table", "rows"),
                List.of(
                        List.of("bronze.api_covid (read)", String.valueOf(result.bronzeRows())),
                        List.of("silver.covid_cases", String.valueOf(result.silverRows())),
                        List.of("quarantine.silver_covid_cases", String.valueOf(result.quarantined())),
                        List.of("gold.covid_daily", String.valueOf(result.goldRows())),
                        List.of("  flagged: cumulative went down", String.valueOf(result.decreases()))));
        out.println("run " + result.runId());
    }
}
