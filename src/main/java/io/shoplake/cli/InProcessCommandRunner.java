package io.shoplake.cli;

import static java.util.Objects.requireNonNull;

import io.shoplake.scheduler.CommandRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a scheduled command line through {@link Main#run} in this JVM (sharing its Spark session). A command that
 * names no {@code --lake} or {@code --config} gets the scheduler's own, so schedules follow the lake they are
 * listed for.
 */
final class InProcessCommandRunner implements CommandRunner {

    private final String lake;
    private final Optional<Path> config;
    private final PrintWriter out;
    private final PrintWriter err;

    InProcessCommandRunner(String lake, Optional<Path> config, PrintWriter out, PrintWriter err) {
        this.lake = requireNonNull(lake, "lake is null");
        this.config = requireNonNull(config, "config is null");
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(List<String> arguments) {
        return Main.run(withWorkspace(arguments).toArray(String[]::new), out, err);
    }

    List<String> withWorkspace(List<String> arguments) {
        List<String> full = new ArrayList<>(arguments);
        if (!arguments.contains("--lake")) {
            full.add("--lake");
            full.add(lake);
        }
        if (config.isPresent() && !arguments.contains("--config")) {
            full.add("--config");
            full.add(config.get().toString());
        }
        return full;
    }
}
