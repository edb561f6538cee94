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
    private final boolean existingLakeOnly;
    private Lakehouse lake;
    private boolean ownsSpark;

    private Workspace(ShoplakeConfig config, LakeSettings settings, boolean verbose, boolean existingLakeOnly) {
        this.config = requireNonNull(config, "config is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.verbose = verbose;
        this.existingLakeOnly = existingLakeOnly;
    }

    /** Resolves config and lake location; starts nothing yet. The lake is created on first use if it is not there. */
    public static Workspace of(CommonOptions options) {
        ShoplakeConfig config = PipelineSections.resolve(options.config());
        return new Workspace(config, settings(config, options.lake()), options.verbose(), false);
    }

    /**
     * As {@link #of}, for commands that only look (tables, sql, runs, reports): a folder that is not a lake is a
     * usage error instead of a new, empty lake, so a misspelt --lake is noticed.
     */
    public static Workspace ofExistingLake(CommonOptions options) {
        ShoplakeConfig config = PipelineSections.resolve(options.config());
        return new Workspace(config, settings(config, options.lake()), options.verbose(), true);
    }

    /** Why the lake folder cannot be used, if it cannot; checked before Spark starts. */
    static java.util.Optional<String> lakeProblem(LakeSettings settings, boolean existingLakeOnly) {
        Path directory = settings.directory();
        if (java.nio.file.Files.exists(directory) && !java.nio.file.Files.isDirectory(directory)) {
            return java.util.Optional.of("the lake must be a folder, but " + directory + " is a file (check --lake, "
                    + "$SHOPLAKE_LAKE or lake: in shoplake.yaml)");
        }
        boolean folderCatalog = settings.catalogType() == io.shoplake.lakehouse.CatalogType.HADOOP;
        if (existingLakeOnly && folderCatalog && !java.nio.file.Files.isDirectory(settings.warehouse())) {
            return java.util.Optional.of("no lake at " + directory + " (it has no warehouse/ folder; check --lake, "
                    + "$SHOPLAKE_LAKE or lake: in shoplake.yaml, or load data first, e.g. ./shoplake ingest ...)");
        }
        return java.util.Optional.empty();
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
            lakeProblem(settings, existingLakeOnly).ifPresent(problem -> {
                throw new UsageException(problem);
            });
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
