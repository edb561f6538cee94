package io.shoplake.cli.flyers;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.flyers.FlyerEngagementJob;
import io.shoplake.pipelines.flyers.FlyerEngagementTables;
import io.shoplake.pipelines.flyers.MetricSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake run flyer-engagement}: time on flyer marts for a date or range (default: the latest date). */
@Command(
        name = "flyer-engagement",
        mixinStandardHelpOptions = true,
        description = "Compute gold.flyer_time_daily, gold.merchant_flyer_report and gold.merchant_daily from "
                + "silver.events; re-running a date replaces that date only.")
public final class RunFlyerEngagementCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Mixin
    MetricOptions metric;

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            description = "The date (default: the latest date in silver.events).")
    LocalDate date;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First date of a range (with --to).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last date of a range (with --from).")
    LocalDate to;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (date != null && (from != null || to != null)) {
            throw new UsageException("give either --date or --from/--to, not both");
        }
        if ((from == null) != (to == null)) {
            throw new UsageException("--from and --to go together, was: --from " + from + " --to " + to);
        }
        if (from != null && to.isBefore(from)) {
            throw new UsageException("--to must not be before --from, was: --from " + from + " --to " + to);
        }
        try (Workspace workspace = Workspace.of(common)) {
            MetricSettings settings = metric.settings(workspace.config());
            if (!workspace.lake().exists(FlyerEngagementTables.EVENTS)) {
                throw new RunFailedException("silver.events does not exist: load events first with "
                        + "`shoplake ingest events --from PATH` or `shoplake stream events`");
            }
            FlyerEngagementJob job = new FlyerEngagementJob(workspace.lake(), workspace.runs(), settings);
            LocalDate first = from;
            LocalDate last = to;
            if (first == null) {
                first = date != null
                        ? date
                        : job.latestDate()
                                .orElseThrow(() ->
                                        new RunFailedException("silver.events has no events: nothing to compute"));
                last = first;
            }
            FlyerEngagementJob.Result result = job.run(first, last);
            var out = spec.commandLine().getOut();
            if (json.json()) {
                Output.json(out, result);
            } else {
                out.println("flyer-engagement " + result.from()
                        + (result.to().equals(result.from()) ? "" : " to " + result.to()) + " (" + result.settings()
                        + ")");
                Output.table(
                        out,
                        List.of("table", "rows"),
                        List.of(
                                List.of("silver.events (read)", String.valueOf(result.events())),
                                List.of("gold.merchant_flyer_report", String.valueOf(result.reportRows())),
                                List.of("gold.flyer_time_daily", String.valueOf(result.dailyRows())),
                                List.of("gold.merchant_daily", String.valueOf(result.merchantRows()))));
                out.println("run " + result.runId());
            }
            return ExitCode.OK;
        }
    }
}
