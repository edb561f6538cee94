package io.shoplake.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads secrets from environment variables or files; values are never logged or echoed. */
public final class Secrets {

    private Secrets() {}

    /** The value of environment variable {@code name}, if it is set and not blank. */
    public static Optional<String> fromEnv(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The first line of a file, trimmed of its line ending. */
    public static Optional<String> fromFile(String path) {
        if (path == null) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            return Optional.of(text.lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read secret file " + path + ": " + e.getClass().getSimpleName());
        }
    }

    /** Environment variable first, then file. */
    public static Optional<String> fromEnvOrFile(String envName, String filePath) {
        Optional<String> value = fromEnv(envName);
        return value.isPresent() ? value : fromFile(filePath);
    }
}
