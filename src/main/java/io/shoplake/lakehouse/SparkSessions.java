package io.shoplake.lakehouse;

import java.util.Map;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a process uses, with Iceberg and the lake catalog configured. */
public final class SparkSessions {

    private SparkSessions() {}

    /**
     * Creates (or returns the active) session. A master given by spark-submit wins over {@code master}, so the same
     * jar runs on a cluster unchanged.
     */
    public static SparkSession create(String master, int shufflePartitions, boolean verbose) {
        if (!verbose) {
            quietLogs();
        }
        SparkSession.Builder builder = SparkSession.builder()
                .appName("shoplake")
                .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions))
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                // Spark 4.1.x Kafka V2 source crashes when a query restarts after an interrupted batch (SPARK-55271).
                .config(
                        "spark.sql.streaming.disabledV2MicroBatchReaders",
                        "org.apache.spark.sql.kafka010.KafkaSourceProvider")
                .config("spark.sql.jsonGenerator.ignoreNullFields", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1");
        if (System.getProperty("spark.master") == null) {
            builder.master(master);
        }
        return builder.getOrCreate();
    }

    /** Registers (or re-points) an Iceberg catalog named {@code catalogName} on a running session. */
    public static void registerCatalog(SparkSession spark, String catalogName, LakeSettings settings) {
        Map<String, String> properties = catalogProperties(catalogName, settings);
        boolean repointed = properties.entrySet().stream().anyMatch(p -> {
            scala.Option<String> current = spark.conf().getOption(p.getKey());
            return current.isDefined() && !current.get().equals(p.getValue());
        });
        properties.forEach((key, value) -> spark.conf().set(key, value));
        if (repointed && spark instanceof org.apache.spark.sql.classic.SparkSession classic) {
            // Spark keeps a loaded catalog for the session's life whatever its properties say later; drop the
            // loaded catalogs so this one is loaded again at its new place (they all reload from their properties).
            classic.sessionState().catalogManager().reset();
        }
    }

    static Map<String, String> catalogProperties(String catalogName, LakeSettings settings) {
        String prefix = "spark.sql.catalog." + catalogName;
        Map<String, String> props = new TreeMap<>();
        props.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        // Streaming micro-batches run in a cloned session with its own catalog instance: a cached table there or
        // here would read a stale snapshot after the other one commits.
        props.put(prefix + ".cache-enabled", "false");
        props.put(prefix + ".warehouse", settings.warehouse().toUri().toString());
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
