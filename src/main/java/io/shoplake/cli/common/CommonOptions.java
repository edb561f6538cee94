package io.shoplake.cli.common;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that touches the lake shares: where the lake is, which config, how chatty. */
public final class CommonOptions {

    @Option(
            names = "--lake",
            paramLabel = "DIR",
            description = "Lake folder (default: $SHOPLAKE_LAKE, else `lake` in shoplake.yaml, else ./lake).")
    public Path lake;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Config file (default: $SHOPLAKE_CONFIG, else ./shoplake.yaml when present).")
    Path config;

    @Option(names = "--verbose", description = "Show Spark logs and stack traces.")
    boolean verbose;

    public Optional<Path> lake() {
        return Optional.ofNullable(lake);
    }

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public boolean verbose() {
        return verbose;
    }
}
