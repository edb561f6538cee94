package io.shoplake.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoplake.lakehouse.CatalogType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The typed contents of {@code shoplake.yaml}. Every key is optional and has its default here; secrets are never
 * values in the file, only the names of environment variables or files that hold them.
 *
 * @param lake the lake folder (default {@code ./lake}; {@code --lake} and {@code SHOPLAKE_LAKE} win over it)
 * @param spark engine settings
 * @param catalog Iceberg catalog settings
 * @param flyerEngagement how the flyer engagement metric measures views
 */
public record ShoplakeConfig(
        @JsonProperty("lake") String lake,
        @JsonProperty("spark") Spark spark,
        @JsonProperty("catalog") Catalog catalog,
        @JsonProperty("flyer-engagement") FlyerEngagement flyerEngagement) {

    public ShoplakeConfig {
        spark = spark == null ? Spark.DEFAULT : spark;
        catalog = catalog == null ? Catalog.DEFAULT : catalog;
        flyerEngagement = flyerEngagement == null ? FlyerEngagement.DEFAULT : flyerEngagement;
    }

    public static final ShoplakeConfig DEFAULT = new ShoplakeConfig(null, null, null, null);

    /**
     * The flyer engagement metric (docs/flyer-engagement.md); each key is also a CLI flag of the same name.
     *
     * @param viewEvents comma-separated event types that open a view (default {@code flyer_open,item_open})
     * @param viewEndsAt {@code next-event} (default) or {@code next-view}
     * @param attributeTo {@code opened} (default) or {@code next}
     * @param maxGap a gap at or above this is not a view, e.g. {@code 7600s}, {@code 30m} (default), {@code 2h}
     * @param closeEvent an event type that ends a view (default: none)
     */
    public record FlyerEngagement(
            @JsonProperty("view-events") String viewEvents,
            @JsonProperty("view-ends-at") String viewEndsAt,
            @JsonProperty("attribute-to") String attributeTo,
            @JsonProperty("max-gap") String maxGap,
            @JsonProperty("close-event") String closeEvent) {
        static final FlyerEngagement DEFAULT = new FlyerEngagement(null, null, null, null, null);

        public FlyerEngagement {
            viewEvents = viewEvents == null ? "flyer_open,item_open" : viewEvents;
            viewEndsAt = viewEndsAt == null ? "next-event" : viewEndsAt;
            attributeTo = attributeTo == null ? "opened" : attributeTo;
            maxGap = maxGap == null ? "30m" : maxGap;
            // Validated once here so a bad file fails at load with the key's rule and value.
            io.shoplake.jobs.flyers.MetricSettings.parse(viewEvents, viewEndsAt, attributeTo, maxGap, closeEvent);
        }

        public io.shoplake.jobs.flyers.MetricSettings settings() {
            return io.shoplake.jobs.flyers.MetricSettings.parse(
                    viewEvents, viewEndsAt, attributeTo, maxGap, closeEvent);
        }
    }

    /**
     * Spark settings.
     *
     * @param master Spark master when not launched by spark-submit (default {@code local[*]})
     * @param shufflePartitions partitions after a shuffle (default 8)
     */
    public record Spark(
            @JsonProperty("master") String master,
            @JsonProperty("shuffle-partitions") Integer shufflePartitions) {
        static final Spark DEFAULT = new Spark(null, null);

        public Spark {
            master = master == null ? "local[*]" : master;
            shufflePartitions = shufflePartitions == null ? 8 : shufflePartitions;
            if (shufflePartitions < 1) {
                throw new IllegalArgumentException(
                        "spark.shuffle-partitions must be at least 1, was: " + shufflePartitions);
            }
        }
    }

    /**
     * Iceberg catalog settings.
     *
     * @param type {@code hadoop} (default), {@code jdbc} or {@code rest}
     * @param uri JDBC URL (jdbc) or endpoint (rest)
     * @param userEnv environment variable holding the JDBC catalog user
     * @param passwordEnv environment variable holding the JDBC catalog password
     * @param passwordFile file holding the JDBC catalog password (used when {@code password-env} is unset)
     */
    public record Catalog(
            @JsonProperty("type") String type,
            @JsonProperty("uri") String uri,
            @JsonProperty("user-env") String userEnv,
            @JsonProperty("password-env") String passwordEnv,
            @JsonProperty("password-file") String passwordFile) {
        static final Catalog DEFAULT = new Catalog(null, null, null, null, null);

        public Catalog {
            type = type == null ? "hadoop" : type;
            catalogType(type);
        }

        public CatalogType catalogType() {
            return catalogType(type);
        }

        private static CatalogType catalogType(String type) {
            try {
                return CatalogType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("catalog.type must be hadoop, jdbc or rest, was: " + type);
            }
        }

        public Optional<String> uriValue() {
            return Optional.ofNullable(uri);
        }
    }

    /** Reads a config file; a missing or malformed file is an error naming the file and the problem. */
    public static ShoplakeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        ObjectMapper mapper =
                new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            var tree = mapper.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return DEFAULT;
            }
            return mapper.treeToValue(tree, ShoplakeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    file + ": unknown key '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(
                    file + ": " + cause.getMessage().lines().findFirst().orElse("invalid"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** {@code --config}, else {@code SHOPLAKE_CONFIG}, else {@code ./shoplake.yaml} when present, else defaults. */
    public static ShoplakeConfig resolve(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return load(explicit.get());
        }
        String fromEnv = System.getenv("SHOPLAKE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return load(Path.of(fromEnv));
        }
        Path local = Path.of("shoplake.yaml");
        return Files.isRegularFile(local) ? load(local) : DEFAULT;
    }
}
