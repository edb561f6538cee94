package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.cli.orders.BuildOrdersCommand;
import io.shoplake.cli.orders.OrderPatternsReportCommand;
import io.shoplake.console.Output;
import io.shoplake.demo.Demo;
import io.shoplake.demo.DemoException;
import io.shoplake.demo.DemoReporter;
import io.shoplake.demo.DemoSettings;
import io.shoplake.pipelines.orders.OrderPatternReport;
import io.shoplake.pipelines.orders.SilverBuildReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake demo}: the whole pipeline end to end on generated data, with embedded servers. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the whole pipeline on generated data: embedded MariaDB, generate, load MySQL, ingest over "
                + "JDBC, build silver with quarantine, order-pattern report, table summary. Uses its own lake "
                + "folder (default ./" + DemoSettings.DEFAULT_LAKE + "), recreated on every run.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(
            names = "--customers",
            paramLabel = "N",
            defaultValue = "" + DemoSettings.DEFAULT_CUSTOMERS,
            description = "Customers to generate (default: ${DEFAULT-VALUE}; about 11 order items each).")
    int customers;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--defects",
            paramLabel = "RATE",
            defaultValue = "0.02",
            description = "Share of generated rows with a defect (default: ${DEFAULT-VALUE}).")
    double defects;

    @Option(
            names = "--only",
            paramLabel = "PART",
            split = ",",
            description = "Run only these parts (and the parts they need): ${COMPLETION-CANDIDATES}.",
            completionCandidates = DemoParts.class)
    Set<String> only = new LinkedHashSet<>();

    @Option(
            names = "--skip",
            paramLabel = "PART",
            split = ",",
            description = "Leave these parts out.",
            completionCandidates = DemoParts.class)
    Set<String> skip = new LinkedHashSet<>();

    /** The demo's parts, for --help. */
    static final class DemoParts implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Demo.parts().iterator();
        }
    }

    @Option(
            names = "--serve",
            description = "At the end, serve the dashboard over the demo lake until Enter is pressed.")
    boolean serve;

    @Option(names = "--keep-services", description = "Keep MariaDB running after the demo until Enter is pressed.")
    boolean keepServices;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // The demo never uses $SHOPLAKE_LAKE or shoplake.yaml's lake: it must not touch a real lake by accident.
        // The demo runs its embedded services beside the lake, so its lake is a local folder.
        Path lake = Path.of(common.lake().orElse(DemoSettings.DEFAULT_LAKE));
        common.lake = lake.toString();
        DemoSettings settings;
        try {
            settings = new DemoSettings(lake, customers, seed, defects, keepServices, only, skip, serve);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("shoplake demo: lake " + lake.toAbsolutePath().normalize());
        long began = System.nanoTime();
        List<Demo.StepTiming> timings;
        try (Workspace workspace = Workspace.of(common)) {
            timings = Demo.run(
                            settings,
                            workspace::lake,
                            out,
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                            new DemoReporter() {
                                @Override
                                public void silverBuilt(PrintWriter to, SilverBuildReport report) {
                                    BuildOrdersCommand.print(to, report);
                                }

                                @Override
                                public void orderPatterns(PrintWriter to, OrderPatternReport report) {
                                    OrderPatternsReportCommand.print(to, report);
                                }
                            })
                    .timings();
        } catch (DemoException e) {
            throw new UsageException(e.getMessage());
        }
        Duration total = Duration.ofNanos(System.nanoTime() - began);
        out.println();
        out.println("step timings:");
        Output.table(
                out,
                List.of("step", "seconds"),
                timings.stream()
                        .map(t -> List.of(
                                t.name(), String.format("%.1f", t.elapsed().toMillis() / 1000.0)))
                        .toList());
        out.printf(
                "demo finished in %.1f s; explore it: ./shoplake tables --lake %s, ./shoplake sql \"...\" --lake %s%n",
                total.toMillis() / 1000.0, lake, lake);
        return Main.OK;
    }
}
