package io.shoplake.pipelines.cars;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Saved car models under the lake's {@code models/} folder: {@code models/<name>/v<version>/} holds
 * {@code model.json} (the {@link ModelCard}), {@code pipeline/} (the fitted Spark ML pipeline, encoding included)
 * and {@code coverage/} (Parquet: the training rows' distinct feature combinations and counts). A version is written
 * to a temporary folder and renamed into place, so a reader never sees half a model.
 */
public final class CarModelStore {

    public static final String FOLDER = "models";

    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]*)");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    /** The store of the lake in {@code lakeDirectory}. */
    public CarModelStore(Path lakeDirectory) {
        this.root = requireNonNull(lakeDirectory, "lakeDirectory is null")
                .toAbsolutePath()
                .resolve(FOLDER);
    }

    /** A fitted model, its card and the coverage of its training rows. */
    public record SavedModel(Path folder, ModelCard card, PipelineModel pipeline, TrainingCoverage coverage) {
        public SavedModel {
            requireNonNull(folder, "folder is null");
            requireNonNull(card, "card is null");
            requireNonNull(pipeline, "pipeline is null");
            requireNonNull(coverage, "coverage is null");
        }
    }

    /** The folder of version {@code version} of {@code name}. */
    public Path folder(String name, int version) {
        return root.resolve(name).resolve("v" + version);
    }

    /** The versions saved under {@code name}, ascending. */
    public List<Integer> versions(String name) {
        Path folder = root.resolve(name);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Integer> versions = new ArrayList<>();
            entries.forEach(entry -> {
                Matcher matcher = VERSION.matcher(entry.getFileName().toString());
                if (matcher.matches() && Files.isRegularFile(entry.resolve("model.json"))) {
                    versions.add(Integer.parseInt(matcher.group(1)));
                }
            });
            versions.sort(Integer::compare);
            return List.copyOf(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    public OptionalInt latest(String name) {
        List<Integer> versions = versions(name);
        return versions.isEmpty() ? OptionalInt.empty() : OptionalInt.of(versions.get(versions.size() - 1));
    }

    /**
     * Saves {@code pipeline} as the next version of {@code card.name()}; {@code coverage} holds the feature columns
     * in {@code card.features()} order and {@code rows}. Returns the card with its version.
     */
    public ModelCard save(ModelCard card, PipelineModel pipeline, Dataset<Row> coverage) {
        int version = latest(card.name()).orElse(0) + 1;
        ModelCard saved = card.withVersion(version);
        Path target = folder(card.name(), version);
        Path staging = root.resolve(card.name()).resolve(".v" + version + "-" + card.runId());
        try {
            Files.createDirectories(staging);
            pipeline.write().overwrite().save(staging.resolve("pipeline").toString());
            coverage.coalesce(1).write().parquet(staging.resolve("coverage").toString());
            JSON.writeValue(staging.resolve("model.json").toFile(), saved);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + target + ": " + e.getMessage(), e);
        }
        return saved;
    }

    /**
     * Loads version {@code version} of {@code name}, or the latest when empty.
     *
     * @throws IllegalArgumentException when no such model or version is saved (the message lists what is)
     */
    public SavedModel load(SparkSession spark, String name, OptionalInt version) {
        List<Integer> versions = versions(name);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no model " + name + " in " + root + ": train one first (ml train)");
        }
        int wanted = version.orElse(versions.get(versions.size() - 1));
        if (!versions.contains(wanted)) {
            throw new IllegalArgumentException(
                    "model " + name + " has no version " + wanted + "; saved versions: " + versions);
        }
        Path folder = folder(name, wanted);
        try {
            ModelCard card = JSON.readValue(folder.resolve("model.json").toFile(), ModelCard.class);
            PipelineModel pipeline =
                    PipelineModel.load(folder.resolve("pipeline").toString());
            List<TrainingCoverage.Combination> combinations = new ArrayList<>();
            for (Row row :
                    spark.read().parquet(folder.resolve("coverage").toString()).collectAsList()) {
                List<String> values = new ArrayList<>();
                for (String feature : card.features()) {
                    values.add(row.getString(row.fieldIndex(feature)));
                }
                combinations.add(new TrainingCoverage.Combination(values, row.getLong(row.fieldIndex("rows"))));
            }
            return new SavedModel(folder, card, pipeline, new TrainingCoverage(card.features(), combinations));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + folder + ": " + e.getMessage(), e);
        }
    }
}
