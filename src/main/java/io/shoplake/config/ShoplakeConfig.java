package io.shoplake.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoplake.lakehouse.CatalogType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typed contents of {@code shoplake.yaml}. Every key is optional and has its default here; secrets are never
 * values in the file, only the names of environment variables or files that hold them. The platform's own keys are
 * typed here; every other top-level key is a pipeline's section, kept as a tree and typed by that pipeline through
 * {@link #section(String, Class)}, so the platform knows no business.
 *
 * @param lake the lake folder (default {@code ./lake}; {@code --lake} and {@code SHOPLAKE_LAKE} win over it)
 * @param spark engine settings
 * @param catalog Iceberg catalog settings
 * @param schedules commands the built-in scheduler runs on cron expressions (default none)
 * @param sections the pipelines' sections by top-level key, untyped
 * @param origin where the values came from (the file, or "defaults"), named in error messages
 */
public record ShoplakeConfig(
        String lake,
        Spark spark,
        Catalog catalog,
        List<Schedule> schedules,
        Map<String, JsonNode> sections,
        String origin) {

    private static final Set<String> PLATFORM_KEYS = Set.of("lake", "spark", "catalog", "schedules");

    public ShoplakeConfig {
        spark = spark == null ? Spark.DEFAULT : spark;
        catalog = catalog == null ? Catalog.DEFAULT : catalog;
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        Set<String> names = new HashSet<>();
        for (Schedule schedule : schedules) {
            if (!names.add(schedule.name())) {
                throw new IllegalArgumentException("schedule names must be unique, '" + schedule.name() + "' repeats");
            }
        }
        sections = Map.copyOf(requireNonNull(sections, "sections is null"));
        requireNonNull(origin, "origin is null");
    }

    /** A config without schedules. */
    public ShoplakeConfig(String lake, Spark spark, Catalog catalog, Map<String, JsonNode> sections, String origin) {
        this(lake, spark, catalog, List.of(), sections, origin);
    }

    public static final ShoplakeConfig DEFAULT = new ShoplakeConfig(null, null, null, Map.of(), "defaults");

    /** The platform keys, as they appear in the file. */
    private record PlatformKeys(
            @JsonProperty("lake") String lake,
            @JsonProperty("spark") Spark spark,
            @JsonProperty("catalog") Catalog catalog,
            @JsonProperty("schedules") List<Schedule> schedules) {}

    /**
     * A pipeline's section typed as {@code type} (a record with {@code @JsonProperty} kebab-case keys whose
     * constructor supplies the defaults); a missing section is the type's defaults. Unknown keys and bad values are a
     * {@link ConfigException} naming the file, the section and the problem.
     */
    public <T> T section(String key, Class<T> type) {
        JsonNode node = sections.getOrDefault(key, MAPPER.createObjectNode());
        try {
            return MAPPER.treeToValue(node.isNull() ? MAPPER.createObjectNode() : node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin + ": unknown key '" + key + "." + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": " + firstLine(e.getCause() != null ? e.getCause() : e));
        }
    }

    /** Fails on a top-level key that is neither a platform key nor one of {@code knownSections}. */
    public ShoplakeConfig requireKnownSections(Set<String> knownSections) {
        for (String key : sections.keySet()) {
            if (!knownSections.contains(key)) {
                Set<String> known = new TreeSet<>(PLATFORM_KEYS);
                known.addAll(knownSections);
                throw new ConfigException(origin + ": unknown key '" + key + "' (known: " + known + ")");
            }
        }
        return this;
    }

    private static final ObjectMapper MAPPER =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Spark settings.
     *
     * @param master Spark master (default: none here, so a master spark-submit set applies, else {@code local[*]};
     *     {@code --master} wins over it)
     * @param shufflePartitions partitions after a shuffle (default: 8 on a local master, Spark's own on a cluster)
     */
    public record Spark(
            @JsonProperty("master") String master,
            @JsonProperty("shuffle-partitions") Integer shufflePartitions) {
        static final Spark DEFAULT = new Spark(null, null);

        public Spark {
            if (master != null && master.isBlank()) {
                throw new IllegalArgumentException("spark.master must not be blank");
            }
            if (shufflePartitions != null && shufflePartitions < 1) {
                throw new IllegalArgumentException(
                        "spark.shuffle-partitions must be at least 1, was: " + shufflePartitions);
            }
        }

        /** The configured master, if any. */
        public Optional<String> masterValue() {
            return Optional.ofNullable(master);
        }

        /** The configured shuffle partition count, if any. */
        public OptionalInt shufflePartitionsValue() {
            return shufflePartitions == null ? OptionalInt.empty() : OptionalInt.of(shufflePartitions);
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

    /**
     * One entry of {@code schedules:}: run a shoplake command line on a cron expression.
     *
     * @param name unique, letters, digits, '-' and '_' (the history is kept under it)
     * @param cron a Unix cron expression with five fields, e.g. {@code 0 * * * *} (hourly on the hour)
     * @param command the shoplake command line without {@code ./shoplake}, e.g. {@code ingest applications --from in}
     * @param timeZone the zone the cron expression is read in (default {@code UTC})
     */
    public record Schedule(
            @JsonProperty("name") String name,
            @JsonProperty("cron") String cron,
            @JsonProperty("command") String command,
            @JsonProperty("time-zone") String timeZone) {
        public Schedule {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException(
                        "schedules[].name must be letters, digits, '-' and '_', was: " + name);
            }
            if (cron == null || cron.isBlank()) {
                throw new IllegalArgumentException("schedules[" + name + "].cron is required");
            }
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("schedules[" + name + "].command is required");
            }
            timeZone = timeZone == null ? "UTC" : timeZone;
        }
    }

    /** Reads a config file; a missing or malformed file is an error naming the file and the problem. */
    public static ShoplakeConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return new ShoplakeConfig(null, null, null, List.of(), Map.of(), file.toString());
            }
            if (!tree.isObject()) {
                throw new ConfigException(file + ": expected keys and values at the top level");
            }
            ObjectNode platform = MAPPER.createObjectNode();
            Map<String, JsonNode> sections = new LinkedHashMap<>();
            tree.properties().forEach(entry -> {
                if (PLATFORM_KEYS.contains(entry.getKey())) {
                    platform.set(entry.getKey(), entry.getValue());
                } else {
                    sections.put(entry.getKey(), entry.getValue());
                }
            });
            PlatformKeys keys = MAPPER.treeToValue(platform, PlatformKeys.class);
            return new ShoplakeConfig(
                    keys.lake(), keys.spark(), keys.catalog(), keys.schedules(), sections, file.toString());
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    file + ": unknown key '" + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + firstLine(e.getCause() != null ? e.getCause() : e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + firstLine(e));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + firstLine(e));
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("invalid");
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
