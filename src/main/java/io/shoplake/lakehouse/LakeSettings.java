package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the lake lives and how its catalog is reached.
 *
 * @param directory the lake folder: table data, and the Hadoop catalog's metadata
 * @param catalogType the catalog implementation
 * @param catalogUri JDBC URL or REST endpoint; unused by the Hadoop catalog
 * @param catalogUser user for the JDBC catalog, if any
 * @param catalogPassword password for the JDBC catalog, if any (never printed)
 */
public record LakeSettings(
        Path directory,
        CatalogType catalogType,
        Optional<String> catalogUri,
        Optional<String> catalogUser,
        Optional<String> catalogPassword) {

    public LakeSettings {
        requireNonNull(directory, "directory is null");
        requireNonNull(catalogType, "catalogType is null");
        requireNonNull(catalogUri, "catalogUri is null");
        requireNonNull(catalogUser, "catalogUser is null");
        requireNonNull(catalogPassword, "catalogPassword is null");
        directory = directory.toAbsolutePath().normalize();
        if (catalogType != CatalogType.HADOOP && catalogUri.isEmpty()) {
            throw new IllegalArgumentException(
                    "catalog type " + catalogType.name().toLowerCase() + " needs catalog.uri");
        }
    }

    /** A lake in a folder with the default Hadoop catalog. */
    public static LakeSettings folder(Path directory) {
        return new LakeSettings(directory, CatalogType.HADOOP, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The warehouse folder holding table data. */
    public Path warehouse() {
        return directory.resolve("warehouse");
    }

    /** Folder for state that is not tables: service pids and data, checkpoints. */
    public Path stateDirectory() {
        return directory.resolve("state");
    }

    @Override
    public String toString() {
        return "LakeSettings[directory=" + directory + ", catalogType=" + catalogType + ", catalogUri="
                + MaskedUrls.mask(catalogUri.orElse("")) + "]";
    }
}
