package io.shoplake.cli.common;

import static java.util.Objects.requireNonNull;

import io.shoplake.config.Secrets;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.SparkSessions;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The wiring for one CLI invocation: config, lake settings, the Spark session and the lakehouse. */
public final class Workspace implements AutoCloseable {

    private final ShoplakeConfig config;
    private final LakeSettings settings;
    private final boolean verbose;
    private Lakehouse lake;
    private boolean ownsSpark;

    private Workspace(ShoplakeConfig config, LakeSettings settings, boolean verbose) {
        this.config = requireNonNull(config, "config is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.verbose = verbose;
    }

    /** Resolves config and lake location; starts nothing yet. */
    public static Workspace of(CommonOptions options) {
        ShoplakeConfig config = PipelineSections.resolve(options.config());
        return new Workspace(config, settings(config, options.lake()), options.verbose());
    }

    static LakeSettings settings(ShoplakeConfig config, Optional<Path> lakeOption) {
        Path directory = lakeOption
                .or(() -> Secrets.fromEnv("SHOPLAKE_LAKE").map(Path::of))
                .or(() -> Optional.ofNullable(config.lake()).map(Path::of))
                .orElse(Path.of("lake"));
        ShoplakeConfig.Catalog catalog = config.catalog();
        return new LakeSettings(
                directory,
                catalog.catalogType(),
                catalog.uriValue(),
                Secrets.fromEnv(catalog.userEnv()),
                Secrets.fromEnvOrFile(catalog.passwordEnv(), catalog.passwordFile()));
    }

    public ShoplakeConfig config() {
        return config;
    }

    public LakeSettings settings() {
        return settings;
    }

    public boolean verbose() {
        return verbose;
    }

    /** The lakehouse; starts Spark on first use. */
    public Lakehouse lake() {
        if (lake == null) {
            // A session already running in this JVM (tests, an embedding application) is borrowed, not stopped.
            ownsSpark = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark =
                    SparkSessions.create(config.spark().master(), config.spark().shufflePartitions(), verbose);
            lake = new Lakehouse(spark, settings);
        }
        return lake;
    }

    public RunLedger runs() {
        return new RunLedger(lake());
    }

    @Override
    public void close() {
        if (lake != null && ownsSpark) {
            lake.spark().stop();
        }
    }
}
