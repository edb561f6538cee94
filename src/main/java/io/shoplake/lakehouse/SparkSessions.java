package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a process uses, with Iceberg and the lake catalog configured. */
public final class SparkSessions {

    /** The catalog name of the first (for the CLI: the only) lake a session opens. */
    public static final String FIRST_CATALOG = "lake";

    /** The master when nothing chooses one: Spark in this JVM on every core. */
    public static final String DEFAULT_MASTER = "local[*]";

    /** Shuffle partitions of a local session unless configured: few cores, small data, few tasks. */
    public static final int LOCAL_SHUFFLE_PARTITIONS = 8;

    private SparkSessions() {}

    /**
     * Creates (or returns the active) session on {@code master} (see {@link #master} for how the CLI chooses it).
     * Any other setting spark-submit was given ({@code --conf}) wins over shoplake's.
     */
    public static SparkSession create(String master, int shufflePartitions, boolean verbose) {
        return create(master, OptionalInt.of(shufflePartitions), verbose);
    }

    /**
     * As {@link #create(String, int, boolean)}; without {@code shufflePartitions} a local session gets
     * {@value #LOCAL_SHUFFLE_PARTITIONS} and a cluster session Spark's own default (with adaptive execution
     * coalescing small partitions).
     */
    public static SparkSession create(String master, OptionalInt shufflePartitions, boolean verbose) {
        requireNonNull(master, "master is null");
        if (!verbose) {
            quietLogs();
        }
        SparkSession.Builder builder =
                SparkSession.builder().appName("shoplake").master(master);
        settings(master, shufflePartitions, sessionWarehouse()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                builder.config(key, value);
            }
        });
        return builder.getOrCreate();
    }

    /**
     * The master a CLI invocation runs on: {@code --master} on the command line, else {@code spark.master} in
     * shoplake.yaml, else the master spark-submit set (the {@code spark.master} system property), else
     * {@code local[*]}. A command line or config master wins over spark-submit's so that an explicit choice is never
     * silently ignored.
     */
    public static String master(Optional<String> commandLine, Optional<String> config, Optional<String> submitted) {
        return commandLine
                .filter(m -> !m.isBlank())
                .or(() -> config.filter(m -> !m.isBlank()))
                .or(() -> submitted.filter(m -> !m.isBlank()))
                .orElse(DEFAULT_MASTER)
                .trim();
    }

    /** The master spark-submit gave this JVM, if any (it passes its settings as system properties). */
    public static Optional<String> submittedMaster() {
        return Optional.ofNullable(System.getProperty("spark.master"));
    }

    /**
     * The settings a session gets for {@code master}: the same everywhere, plus local-only conveniences (driver on
     * loopback, no web UI, {@value #LOCAL_SHUFFLE_PARTITIONS} shuffle partitions unless configured) when the master
     * is {@code local} or {@code local[...]}. On a cluster the executors must reach the driver at its real address,
     * so nothing pins it to 127.0.0.1 there, and the shuffle partition count is Spark's unless configured.
     *
     * @param shufflePartitions the configured shuffle partition count, if any
     * @param warehouse Spark's own warehouse folder (its built-in catalog, which shoplake does not use), so that
     *     Spark never creates {@code spark-warehouse/} in the working directory
     */
    static Map<String, String> settings(String master, OptionalInt shufflePartitions, Path warehouse) {
        if (shufflePartitions.isPresent() && shufflePartitions.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "shuffle partitions must be at least 1, was: " + shufflePartitions.getAsInt());
        }
        Map<String, String> settings = new TreeMap<>();
        settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        settings.put("spark.sql.session.timeZone", "UTC");
        shufflePartitions.ifPresent(n -> settings.put("spark.sql.shuffle.partitions", String.valueOf(n)));
        settings.put("spark.sql.adaptive.enabled", "true");
        settings.put("spark.ui.showConsoleProgress", "false");
        // Spark 4.1.x Kafka V2 source crashes when a query restarts after an interrupted batch (SPARK-55271).
        settings.put(
                "spark.sql.streaming.disabledV2MicroBatchReaders", "org.apache.spark.sql.kafka010.KafkaSourceProvider");
        settings.put("spark.sql.jsonGenerator.ignoreNullFields", "false");
        settings.put("spark.sql.warehouse.dir", warehouse.toUri().toString());
        if (isLocal(master)) {
            // One JVM on one machine: no network interface lookups, nothing listening beyond loopback, no UI.
            settings.put("spark.driver.bindAddress", "127.0.0.1");
            settings.put("spark.driver.host", "127.0.0.1");
            settings.put("spark.ui.enabled", "false");
            settings.putIfAbsent("spark.sql.shuffle.partitions", String.valueOf(LOCAL_SHUFFLE_PARTITIONS));
        }
        return settings;
    }

    /** True for {@code local} and {@code local[N]}, {@code local[*]}, {@code local[N,F]}: Spark in this JVM. */
    static boolean isLocal(String master) {
        String trimmed = master.trim();
        return trimmed.equals("local") || (trimmed.startsWith("local[") && trimmed.endsWith("]"));
    }

    /** A per-user folder under the temp directory; Spark creates only an empty default database folder there. */
    private static Path sessionWarehouse() {
        return Path.of(
                System.getProperty("java.io.tmpdir"), "shoplake-spark-warehouse-" + System.getProperty("user.name"));
    }

    /**
     * The catalog name under which the lake at {@code settings} is reached in {@code spark}, registered on first use:
     * {@code lake} for the first lake a session opens, {@code lake_2}, {@code lake_3}, ... for other lake folders in
     * the same session (tests, in-process CLI runs). A name, once given, points at its lake for the session's life
     * (Spark keeps a loaded catalog whatever its properties say later), and the same lake always gets the same name,
     * so each lake sees only its own tables.
     */
    public static String catalogFor(SparkSession spark, LakeSettings settings) {
        requireNonNull(spark, "spark is null");
        requireNonNull(settings, "settings is null");
        // Check-then-register must not interleave for one session (parallel test threads).
        synchronized (spark) {
            for (int i = 1; ; i++) {
                String name = i == 1 ? FIRST_CATALOG : FIRST_CATALOG + "_" + i;
                Map<String, String> properties = catalogProperties(name, settings);
                scala.Option<String> current = spark.conf().getOption("spark.sql.catalog." + name);
                if (current.isEmpty()) {
                    properties.forEach((key, value) -> spark.conf().set(key, value));
                    return name;
                }
                if (properties.entrySet().stream().allMatch(p -> isSet(spark, p.getKey(), p.getValue()))) {
                    return name;
                }
            }
        }
    }

    private static boolean isSet(SparkSession spark, String key, String value) {
        scala.Option<String> current = spark.conf().getOption(key);
        return current.isDefined() && current.get().equals(value);
    }

    static Map<String, String> catalogProperties(String catalogName, LakeSettings settings) {
        String prefix = "spark.sql.catalog." + catalogName;
        Map<String, String> props = new TreeMap<>();
        props.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        // Streaming micro-batches run in a cloned session with its own catalog instance: a cached table there or
        // here would read a stale snapshot after the other one commits.
        props.put(prefix + ".cache-enabled", "false");
        // LakeSettings keeps the location without a trailing slash, so the same lake gives the same properties (and
        // so the same catalog name) before and after its first table.
        props.put(prefix + ".warehouse", settings.warehouse());
        switch (settings.catalogType()) {
            case HADOOP -> props.put(prefix + ".type", "hadoop");
            case JDBC -> {
                props.put(prefix + ".type", "jdbc");
                props.put(prefix + ".uri", settings.catalogUri().orElseThrow());
                props.put(prefix + ".jdbc.schema-version", "V1");
                settings.catalogUser().ifPresent(user -> props.put(prefix + ".jdbc.user", user));
                settings.catalogPassword().ifPresent(pw -> props.put(prefix + ".jdbc.password", pw));
            }
            case REST -> {
                props.put(prefix + ".type", "rest");
                props.put(prefix + ".uri", settings.catalogUri().orElseThrow());
            }
            default -> throw new IllegalStateException("unhandled catalog type " + settings.catalogType());
        }
        return props;
    }

    private static void quietLogs() {
        Configurator.setRootLevel(Level.WARN);
        for (String noisy : new String[] {
            "org.apache.spark",
            "org.apache.hadoop",
            "org.apache.iceberg",
            "org.sparkproject",
            "org.apache.kafka",
            "kafka",
            "org.apache.parquet",
            "io.netty",
            "ch.vorburger",
            "io.zonky",
            "de.bwaldvogel",
            "org.mongodb"
        }) {
            Configurator.setLevel(noisy, Level.ERROR);
        }
    }
}
