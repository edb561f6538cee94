package io.shoplake.cli.industries;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.industries.IndustrySwingsJob;
import io.shoplake.pipelines.industries.SwingWindow;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake run industry-swings}: every reference industry's last 24 h against its average day. */
@Command(
        name = "industry-swings",
        mixinStandardHelpOptions = true,
        description = "Compute gold.industry_swings: every reference industry's ordered amount in the window against "
                + "its average day over the baseline before it, ranked by |change|; a re-run replaces that as-of.")
public final class RunIndustrySwingsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(
            names = "--as-of",
            paramLabel = "TS",
            description = "End of the window, e.g. 2023-03-20T23:58:19 (UTC) or with an offset (default: the latest "
                    + "order timestamp).")
    String asOf;

    @Option(
            names = "--window-hours",
            paramLabel = "H",
            defaultValue = "" + SwingWindow.DEFAULT_WINDOW_HOURS,
            description = "Window length in hours (default: ${DEFAULT-VALUE}).")
    int windowHours;

    @Option(
            names = "--baseline-days",
            paramLabel = "D",
            defaultValue = "" + SwingWindow.DEFAULT_BASELINE_DAYS,
            description = "Baseline length in days of 24 h before the window (default: ${DEFAULT-VALUE}).")
    int baselineDays;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3", description = "Industries printed (default: 3).")
    int top;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Instant> at = asOf == null
                ? Optional.empty()
                : Optional.of(UsageException.whenInvalid(() -> TimeOptions.instant("--as-of", asOf)));
        UsageException.whenInvalid(() -> new SwingWindow(Instant.EPOCH, windowHours, baselineDays));
        if (top < 1) {
            throw new UsageException("--top must be at least 1, was: " + top);
        }
        try (Workspace workspace = Workspace.of(common)) {
            IndustrySwingsJob.Result result;
            try {
                result = new IndustrySwingsJob(workspace.lake())
                        .run(at, windowHours, baselineDays, RunLedger.newRunId());
            } catch (IllegalStateException e) {
                throw new RunFailedException(e.getMessage(), e);
            }
            var out = spec.commandLine().getOut();
            if (json.json()) {
                Output.json(out, SwingsPrinter.json(result, top));
            } else {
                SwingsPrinter.human(out, result, top);
            }
            return ExitCode.OK;
        }
    }
}
