package io.shoplake.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoplake.lake.CatalogType;
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
 */
public record ShoplakeConfig(
        @JsonProperty("lake") String lake,
        @JsonProperty("spark") Spark spark,
        @JsonProperty("catalog") Catalog catalog) {

    public ShoplakeConfig {
        spark = spark == null ? Spark.DEFAULT : spark;
        catalog = catalog == null ? Catalog.DEFAULT : catalog;
    }

    public static final ShoplakeConfig DEFAULT = new ShoplakeConfig(null, null, null);

    /**
     * Spark settings.
     *
     * @param master Spark master when not launched by spark-submit (default {@code local[*]})
     * @param shufflePartitions partitions after a shuffle (default 8)
     */
    public record Spark(@JsonProperty("master") String master,
                        @JsonProperty("shuffle-partitions") Integer shufflePartitions) {
        static final Spark DEFAULT = new Spark(null, null);

        public Spark {
            master = master == null ? "local[*]" : master;
            shufflePartitions = shufflePartitions == null ? 8 : shufflePartitions;
            if (shufflePartitions < 1) {
                throw new IllegalArgumentException("spark.shuffle-partitions must be at least 1, was: " + shufflePartitions);
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
    public record Catalog(@JsonProperty("type") String type,
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
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            var tree = mapper.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return DEFAULT;
            }
            return mapper.treeToValue(tree, ShoplakeConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown key '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(file + ": " + cause.getMessage().lines().findFirst().orElse("invalid"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""));
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
