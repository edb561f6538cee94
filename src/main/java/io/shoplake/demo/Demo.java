package io.shoplake.demo;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The end-to-end demo as a named, ordered list of steps, run one after the other with their timings: the whole
 * flow of the product on one screen. Later features add a step here.
 */
public final class Demo {

    /** One step: a name people read and what it does. */
    public record Step(String name, Action action) {
        public Step {
            requireNonNull(name, "name is null");
            requireNonNull(action, "action is null");
        }
    }

    /** What a step does with the run's shared state. */
    @FunctionalInterface
    public interface Action {
        void run(DemoRun run) throws Exception;
    }

    /** How long a step took. */
    public record StepTiming(String name, Duration elapsed) {}

    /** The steps, in order. */
    public static List<Step> steps() {
        return List.of(
                new Step("start embedded MariaDB and MongoDB", DemoSteps::startServices),
                new Step("generate orders (with defects)", DemoSteps::generateOrders),
                new Step("load MySQL", DemoSteps::loadMysql),
                new Step("ingest MySQL into bronze over JDBC", DemoSteps::ingestOverJdbc),
                new Step("build silver with quarantine", DemoSteps::buildSilver),
                new Step("order-pattern report", DemoSteps::reportOrderPatterns),
                new Step("next-order prediction, buyer list to MongoDB", DemoPrediction::predictNextOrders),
                new Step("summary of every table", DemoSteps::summarizeTables),
                new Step("stop services", DemoSteps::stopServices));
    }

    private Demo() {}

    /**
     * Runs every step; the services are stopped even when a step fails. The lake folder is (re)created first:
     * see {@link #prepareLake(Path)}.
     */
    public static DemoResult run(
            DemoSettings settings,
            Supplier<Lakehouse> lake,
            PrintWriter out,
            BufferedReader in,
            DemoReporter reporter) {
        prepareLake(settings.lake());
        List<StepTiming> timings = new ArrayList<>();
        DemoRun finished;
        try (DemoRun run = new DemoRun(settings, lake, out, in, reporter)) {
            finished = run;
            List<Step> steps = steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                out.printf("%n== %d/%d %s%n", i + 1, steps.size(), step.name());
                out.flush();
                long began = System.nanoTime();
                try {
                    step.action().run(run);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(step.name() + " failed: " + e.getMessage(), e);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
                timings.add(new StepTiming(step.name(), elapsed));
                out.printf("   (%.1f s)%n", elapsed.toMillis() / 1000.0);
                out.flush();
            }
        }
        return new DemoResult(timings, finished.generated, finished.mysqlLoad);
    }

    /**
     * Makes {@code lake} an empty demo lake. A folder that is missing, empty, or marked as an earlier demo's
     * ({@value DemoSettings#MARKER}) is (re)created; any other folder is refused, so the demo never deletes a
     * real lake.
     */
    public static void prepareLake(Path lake) {
        try {
            if (Files.exists(lake)) {
                if (!Files.isDirectory(lake)) {
                    throw new DemoException("the demo lake " + lake + " is a file; choose another --lake");
                }
                boolean empty;
                try (Stream<Path> entries = Files.list(lake)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(lake.resolve(DemoSettings.MARKER))) {
                    throw new DemoException("refusing to reuse " + lake + ": it is not empty and not an earlier demo's "
                            + "lake (no " + DemoSettings.MARKER + " file); choose another --lake");
                }
                deleteTree(lake);
            }
            Files.createDirectories(lake);
            Files.writeString(
                    lake.resolve(DemoSettings.MARKER),
                    "Created by `shoplake demo`; the next demo run deletes and recreates this folder.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo lake " + lake + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
