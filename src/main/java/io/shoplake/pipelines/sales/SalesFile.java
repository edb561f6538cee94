package io.shoplake.pipelines.sales;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A generated sales data set on disk: one JSON document ({@code sales.json}) that {@code sales load} reads. */
public final class SalesFile {

    public static final String NAME = "sales.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private SalesFile() {}

    /** The default folder: {@code <lake>/exports/sales}. */
    public static Path defaultFolder(Path lakeDirectory) {
        return lakeDirectory.resolve("exports").resolve("sales");
    }

    public static Path write(Path folder, SalesData data) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(NAME);
            JSON.writeValue(file.toFile(), data);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code folder/sales.json}; a missing or broken file is an error saying so. */
    public static SalesData read(Path folder) {
        Path file = folder.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + NAME + " in " + folder + " (run `generate sales` first)");
        }
        try {
            return JSON.readValue(file.toFile(), SalesData.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
