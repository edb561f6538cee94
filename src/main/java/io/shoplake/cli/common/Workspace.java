package io.shoplake.cli.common;

import static java.util.Objects.requireNonNull;

import io.shoplake.config.Secrets;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.lakehouse.CatalogType;
import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.SparkSessions;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The wiring for one CLI invocation: config, lake settings, the Spark session and the lakehouse. */
public final class Workspace implements AutoCloseable {

    private final ShoplakeConfig config;
    private final LakeSettings settings;
    private final boolean verbose;
    private final Optional<String> master;
    private final boolean existingLakeOnly;
    private Lakehouse lake;
    private boolean ownsSpark;

    private Workspace(
            ShoplakeConfig config,
            LakeSettings settings,
            Optional<String> master,
            boolean verbose,
            boolean existingLakeOnly) {
        this.config = requireNonNull(config, "config is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.master = requireNonNull(master, "master is null");
        this.verbose = verbose;
        this.existingLakeOnly = existingLakeOnly;
    }

    /** Resolves config and lake location; starts nothing yet. The lake is created on first use if it is not there. */
    public static Workspace of(CommonOptions options) {
        ShoplakeConfig config = PipelineSections.resolve(options.config());
        return new Workspace(config, settings(config, options.lake()), options.master(), options.verbose(), false);
    }

    /**
     * As {@link #of}, for commands that only look (tables, sql, runs, reports): a folder that is not a lake is a
     * usage error instead of a new, empty lake, so a misspelt --lake is noticed.
     */
    public static Workspace ofExistingLake(CommonOptions options) {
        ShoplakeConfig config = PipelineSections.resolve(options.config());
        return new Workspace(config, settings(config, options.lake()), options.master(), options.verbose(), true);
    }

    /** Why the lake cannot be used, if it cannot; checked (through Hadoop's FileSystem) before Spark starts. */
    static Optional<String> lakeProblem(LakeSettings settings, boolean existingLakeOnly, Configuration hadoop) {
        String lake = settings.display();
        try {
            Path root = new Path(settings.location());
            FileSystem fs = root.getFileSystem(hadoop);
            if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
                return Optional.of("the lake must be a folder, but " + lake + " is a file (check --lake, "
                        + "$SHOPLAKE_LAKE or lake: in shoplake.yaml)");
            }
            boolean folderCatalog = settings.catalogType() == CatalogType.HADOOP;
            Path warehouse = new Path(settings.warehouse());
            if (existingLakeOnly
                    && folderCatalog
                    && !(fs.exists(warehouse) && fs.getFileStatus(warehouse).isDirectory())) {
                return Optional.of("no lake at " + lake + " (it has no warehouse/ folder; check --lake, "
                        + "$SHOPLAKE_LAKE or lake: in shoplake.yaml, or load data first, e.g. ./shoplake ingest ...)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot reach the lake at " + lake + ": " + ExitCode.firstLine(e));
        }
    }

    /**
     * The Hadoop configuration a session would get, before it starts: Hadoop's defaults plus the
     * {@code spark.hadoop.*} settings spark-submit passed as system properties.
     */
    private static Configuration hadoopConfiguration() {
        Configuration hadoop = new Configuration();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("spark.hadoop."))
                .forEach(key -> hadoop.set(key.substring("spark.hadoop.".length()), System.getProperty(key)));
        return hadoop;
    }

    static LakeSettings settings(ShoplakeConfig config, Optional<String> lakeOption) {
        String location = lakeOption
                .or(() -> Secrets.fromEnv("SHOPLAKE_LAKE"))
                .or(() -> Optional.ofNullable(config.lake()))
                .orElse("lake");
        ShoplakeConfig.Catalog catalog = config.catalog();
        return UsageException.whenInvalid(() -> new LakeSettings(
                location,
                catalog.catalogType(),
                catalog.uriValue(),
                Secrets.fromEnv(catalog.userEnv()),
                Secrets.fromEnvOrFile(catalog.passwordEnv(), catalog.passwordFile())));
    }

    /**
     * Starts (or borrows) the Spark session for one invocation on the master {@link SparkSessions#master} chooses
     * from {@code --master}, shoplake.yaml and spark-submit.
     */
    public static SparkSession spark(ShoplakeConfig config, CommonOptions options) {
        return spark(config, options.master(), options.verbose());
    }

    private static SparkSession spark(ShoplakeConfig config, Optional<String> master, boolean verbose) {
        String chosen = SparkSessions.master(master, config.spark().masterValue(), SparkSessions.submittedMaster());
        return SparkSessions.create(chosen, config.spark().shufflePartitionsValue(), verbose);
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
            lakeProblem(settings, existingLakeOnly, hadoopConfiguration()).ifPresent(problem -> {
                throw new UsageException(problem);
            });
            // A session already running in this JVM (tests, an embedding application) is borrowed, not stopped.
            ownsSpark = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = spark(config, master, verbose);
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
