package io.shoplake.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real data sets under {@code ../shared/data}. They are read in place, never copied. Missing data fails
 * the test under CI ({@code CI=true}) and skips it elsewhere, with the same message.
 */
public final class SharedData {

    private SharedData() {}

    public static Path root() {
        String configured = System.getenv("SHOPLAKE_SHARED_DATA");
        return (configured != null ? Path.of(configured) : Path.of("..", "shared", "data"))
                .toAbsolutePath()
                .normalize();
    }

    /** The path of a shared data file or folder, e.g. {@code require("cdnow/CDNOW_sample.txt")}. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            String message = "shared data missing: " + path + " (tests read ../shared/data in place)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            assumeTrue(false, message);
        }
        return path;
    }
}
