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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The end-to-end demo as a named, ordered list of steps, run one after the other with their timings: the whole
 * flow of the product on one screen. Later features add a step here.
 */
public final class Demo {

    /**
     * One step: the part of the demo it belongs to ({@code --only}/{@code --skip} select parts; {@link #ALWAYS}
     * steps run in every demo), a name people read, and what it does.
     */
    public record Step(String part, String name, Action action) {
        public Step {
            requireNonNull(part, "part is null");
            requireNonNull(name, "name is null");
            requireNonNull(action, "action is null");
        }
    }

    /** The part of steps every demo runs (the summary, stopping the servers). */
    public static final String ALWAYS = "always";

    /**
     * Parts that run only when {@code --only} names them: each takes about a minute on the 2-core machine, and the
     * default demo stays under two. (industries: its own Kafka broker, a customers drop and a live micro-batch with a
     * gold refresh; not yet timed on an idle machine below the ~15 s a default part may add.)
     */
    public static final Set<String> ON_REQUEST = Set.of("customers360", "memberships");

    /** Parts that need another part's tables: selecting one brings in what it needs. */
    private static final Map<String, List<String>> NEEDS = Map.of("prediction", List.of("orders"));

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
                new Step("orders", "start embedded MariaDB and MongoDB", DemoSteps::startServices),
                new Step("orders", "generate orders (with defects)", DemoSteps::generateOrders),
                new Step("orders", "load MySQL", DemoSteps::loadMysql),
                new Step("orders", "ingest MySQL into bronze over JDBC", DemoSteps::ingestOverJdbc),
                new Step("orders", "build silver with quarantine", DemoSteps::buildSilver),
                new Step("orders", "order-pattern report", DemoSteps::reportOrderPatterns),
                new Step(
                        "prediction",
                        "next-order prediction, buyer list to MongoDB",
                        DemoPrediction::predictNextOrders),
                new Step(
                        "customers360",
                        "customer 360: nested JSON to a star schema, two days",
                        DemoCustomers360::buildCustomer360),
                new Step(
                        "memberships",
                        "membership applications: validate, members, exports",
                        DemoMemberships::ingestApplications),
                new Step(
                        "industries",
                        "industry swings: customers, a live Kafka stream of orders, the top 3",
                        DemoIndustries::industrySwings),
                new Step(ALWAYS, "summary of every table", DemoSteps::summarizeTables),
                new Step(ALWAYS, "stop services", DemoSteps::stopServices),
                new Step("dashboard", "dashboard", DemoDashboard::showDashboard));
    }

    /** The parts {@code --only} and {@code --skip} accept, in step order. */
    public static List<String> parts() {
        return steps().stream()
                .map(Step::part)
                .filter(part -> !part.equals(ALWAYS))
                .distinct()
                .toList();
    }

    /**
     * The steps of the selected parts, in order: {@code only} (empty: every part not {@link #ON_REQUEST}) plus what
     * they need, less
     * {@code skip}. An unknown part, or skipping a part a selected one needs, is an {@link IllegalArgumentException}
     * naming it.
     */
    public static List<Step> selectedSteps(Set<String> only, Set<String> skip) {
        List<String> parts = parts();
        for (String part : union(only, skip)) {
            if (!parts.contains(part)) {
                throw new IllegalArgumentException(
                        "unknown demo part '" + part + "' (known: " + String.join(", ", parts) + ")");
            }
        }
        Set<String> selected = new LinkedHashSet<>(
                only.isEmpty()
                        ? parts.stream()
                                .filter(part -> !ON_REQUEST.contains(part))
                                .toList()
                        : only);
        for (String part : List.copyOf(selected)) {
            selected.addAll(NEEDS.getOrDefault(part, List.of()));
        }
        selected.removeAll(skip);
        for (String part : selected) {
            for (String needed : NEEDS.getOrDefault(part, List.of())) {
                if (!selected.contains(needed)) {
                    throw new IllegalArgumentException("demo part '" + part + "' needs '" + needed + "'; skip '" + part
                            + "' too, or do not skip '" + needed + "'");
                }
            }
        }
        return steps().stream()
                .filter(step -> step.part().equals(ALWAYS) || selected.contains(step.part()))
                .toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
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
            List<Step> steps = selectedSteps(settings.only(), settings.skip());
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
        return new DemoResult(
                timings, Optional.ofNullable(finished.generated), Optional.ofNullable(finished.mysqlLoad));
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
