package io.shoplake.cli.industries;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.pipelines.industries.IndustrySwingsJob;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake report industry-swings}: reads gold.industry_swings back. */
@Command(
        name = "industry-swings",
        mixinStandardHelpOptions = true,
        description = "Every industry's swing for an as-of (default: the latest computed), in rank order.")
public final class ReportIndustrySwingsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(names = "--as-of", paramLabel = "TS", description = "The as-of (default: the latest computed).")
    String asOf;

    @Option(names = "--top", paramLabel = "N", description = "Industries printed (default: every one).")
    Integer top;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Instant> at = asOf == null
                ? Optional.empty()
                : Optional.of(UsageException.whenInvalid(() -> TimeOptions.instant("--as-of", asOf)));
        if (top != null && top < 1) {
            throw new UsageException("--top must be at least 1, was: " + top);
        }
        try (Workspace workspace = Workspace.of(common)) {
            IndustrySwingsJob.Result result = new IndustrySwingsJob(workspace.lake())
                    .read(at)
                    .orElseThrow(() -> new RunFailedException("no industry swings"
                            + (asOf == null ? "" : " as of " + at.get())
                            + " in gold.industry_swings: run `shoplake run industry-swings` first"));
            var out = spec.commandLine().getOut();
            int shown = top == null ? result.swings().size() : top;
            if (json.json()) {
                Output.json(out, SwingsPrinter.json(result, shown));
            } else {
                SwingsPrinter.human(out, result, shown);
            }
            return ExitCode.OK;
        }
    }
}
