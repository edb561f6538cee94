package io.shoplake.cli.sales;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.pipelines.sales.SalesData;
import io.shoplake.pipelines.sales.SalesFile;
import io.shoplake.pipelines.sales.SalesGenerator;
import io.shoplake.pipelines.sales.SalesMembers;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake generate sales}: purchases of gold.members' first N members, for the sales database. */
@Command(
        name = "sales",
        mixinStandardHelpOptions = true,
        description = "Generate manufacturers, items and transactions for the first N members of gold.members "
                + "(deterministic for a seed) into <out>/sales.json for `sales load`.")
public final class GenerateSalesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--members", required = true, paramLabel = "N", description = "How many members buy.")
    int members;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: <lake>/exports/sales).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        io.shoplake.cli.common.UsageException.whenInvalid(() -> {
            if (members < 1) {
                throw new IllegalArgumentException("--members must be at least 1, was: " + members);
            }
            return members;
        });
        try (Workspace workspace = Workspace.of(common)) {
            List<SalesData.Member> chosen = SalesMembers.first(workspace.lake(), members);
            SalesData data;
            try {
                data = SalesGenerator.generate(chosen, members, seed);
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            Path folder = out != null
                    ? out
                    : SalesFile.defaultFolder(UsageException.whenInvalid(
                            () -> workspace.settings().localDirectory("the default sales file (without --out)")));
            Path file = SalesFile.write(folder, data);
            spec.commandLine()
                    .getOut()
                    .println("sales: " + data.members().size() + " members, "
                            + data.items().size() + " items, "
                            + data.transactions().size() + " transactions, "
                            + data.lines().size() + " lines -> "
                            + file);
            return ExitCode.OK;
        }
    }
}
