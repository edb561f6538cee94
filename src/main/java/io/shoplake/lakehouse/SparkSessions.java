package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a process uses, with Iceberg and the lake catalog configured. */
public final class SparkSessions {

    /** The catalog name of the first (for the CLI: the only) lake a session opens. */
    public static final String FIRST_CATALOG = "lake";

    private SparkSessions() {}

    /**
     * Creates (or returns the active) session. A master given by spark-submit wins over {@code master}, so the same
     * jar runs on a cluster unchanged, and so does any setting spark-submit was given ({@code --conf}).
     */
    public static SparkSession create(String master, int shufflePartitions, boolean verbose) {
        if (!verbose) {
            quietLogs();
        }
        String effectiveMaster = System.getProperty("spark.master", master);
        SparkSession.Builder builder = SparkSession.builder().appName("shoplake");
        settings(effectiveMaster, shufflePartitions, sessionWarehouse()).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                builder.config(key, value);
            }
        });
        if (System.getProperty("spark.master") == null) {
            builder.master(master);
        }
        return builder.getOrCreate();
    }

    /**
     * The settings a session gets for {@code master}: the same everywhere, plus local-only conveniences (driver on
     * loopback, no web UI) when the master is {@code local} or {@code local[...]}. On a cluster the executors must
     * reach the driver at its real address, so nothing pins it to 127.0.0.1 there.
     *
     * @param warehouse Spark's own warehouse folder (its built-in catalog, which shoplake does not use), so that
     *     Spark never creates {@code spark-warehouse/} in the working directory
     */
    static Map<String, String> settings(String master, int shufflePartitions, Path warehouse) {
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("shuffle partitions must be at least 1, was: " + shufflePartitions);
        }
        Map<String, String> settings = new TreeMap<>();
        settings.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        settings.put("spark.sql.session.timeZone", "UTC");
        settings.put("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions));
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
        // Without a trailing slash: Path.toUri adds one once the folder exists, and the same lake must give the
        // same properties (and so the same catalog name) before and after its first table.
        props.put(prefix + ".warehouse", settings.warehouse().toUri().toString().replaceAll("/+$", ""));
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
