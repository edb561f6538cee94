package io.shoplake.cli.common;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that touches the lake shares: where the lake is, which master, which config, how chatty. */
public final class CommonOptions {

    @Option(
            names = "--lake",
            paramLabel = "URI",
            description = "Lake folder or URI (file:, hdfs://, s3a://; default: $SHOPLAKE_LAKE, else `lake` in "
                    + "shoplake.yaml, else ./lake).")
    public String lake;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master, e.g. local[4] or spark://host:7077 (default: spark.master in shoplake.yaml, "
                    + "else the one spark-submit set, else local[*]).")
    String master;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Config file (default: $SHOPLAKE_CONFIG, else ./shoplake.yaml when present).")
    Path config;

    @Option(names = "--verbose", description = "Show Spark logs and stack traces.")
    boolean verbose;

    public Optional<String> lake() {
        return Optional.ofNullable(lake);
    }

    public Optional<String> master() {
        return Optional.ofNullable(master);
    }

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public boolean verbose() {
        return verbose;
    }
}
