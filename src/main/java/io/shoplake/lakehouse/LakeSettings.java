package io.shoplake.lakehouse;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the lake lives and how its catalog is reached. The lake is a URI ({@code file:}, {@code hdfs://},
 * {@code s3a://}, any file system Hadoop knows); a plain path is a local folder, resolved against the working
 * directory. Everything under the lake is reached through Hadoop's FileSystem or Iceberg's FileIO, so the same code
 * runs on a laptop and on a cluster.
 *
 * @param location the lake as a URI without a trailing slash, e.g. {@code file:///home/me/lake} or
 *     {@code hdfs://namenode:8020/shoplake}: table data, and the Hadoop catalog's metadata
 * @param catalogType the catalog implementation
 * @param catalogUri JDBC URL or REST endpoint; unused by the Hadoop catalog
 * @param catalogUser user for the JDBC catalog, if any
 * @param catalogPassword password for the JDBC catalog, if any (never printed)
 */
public record LakeSettings(
        String location,
        CatalogType catalogType,
        Optional<String> catalogUri,
        Optional<String> catalogUser,
        Optional<String> catalogPassword) {

    /** A scheme of two or more letters, so a Windows drive ({@code C:}) stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    public LakeSettings {
        requireNonNull(location, "location is null");
        requireNonNull(catalogType, "catalogType is null");
        requireNonNull(catalogUri, "catalogUri is null");
        requireNonNull(catalogUser, "catalogUser is null");
        requireNonNull(catalogPassword, "catalogPassword is null");
        location = normalize(location);
        if (catalogType != CatalogType.HADOOP && catalogUri.isEmpty()) {
            throw new IllegalArgumentException(
                    "catalog type " + catalogType.name().toLowerCase() + " needs catalog.uri");
        }
    }

    /** A lake in a local folder. */
    public LakeSettings(
            Path directory,
            CatalogType catalogType,
            Optional<String> catalogUri,
            Optional<String> catalogUser,
            Optional<String> catalogPassword) {
        this(
                requireNonNull(directory, "directory is null").toAbsolutePath().toString(),
                catalogType,
                catalogUri,
                catalogUser,
                catalogPassword);
    }

    /** A lake in a local folder with the default Hadoop catalog. */
    public static LakeSettings folder(Path directory) {
        return new LakeSettings(directory, CatalogType.HADOOP, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A lake at a URI or plain path with the default Hadoop catalog. */
    public static LakeSettings at(String location) {
        return new LakeSettings(location, CatalogType.HADOOP, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The lake as a normalized URI: a plain path becomes an absolute {@code file:} URI, a {@code file:} URI is
     * normalized the same way (so {@code /x/lake}, {@code file:/x/lake} and {@code file:///x/lake/} are one lake),
     * other URIs lose only their trailing slashes.
     */
    static String normalize(String location) {
        String trimmed = location.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the lake location is empty");
        }
        URI uri;
        if (SCHEME.matcher(trimmed).matches()) {
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the lake is not a valid URI: " + trimmed);
            }
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw new IllegalArgumentException(
                            "a file: lake must be an absolute path (file:///folder), was: " + trimmed);
                }
                uri = Path.of(uri.getPath()).normalize().toUri();
            } else if (uri.getScheme().length() > 0 && uri.isOpaque()) {
                throw new IllegalArgumentException(
                        "the lake must be a path or a hierarchical URI (scheme://host/path), was: " + trimmed);
            }
        } else {
            uri = Path.of(trimmed).toAbsolutePath().normalize().toUri();
        }
        String text = uri.toString();
        // Path.toUri ends a folder that exists with a slash: the same lake must give the same location either way.
        while (text.endsWith("/") && !text.endsWith("//") && !text.equals("file:/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** The warehouse holding table data, as a URI: {@code <lake>/warehouse}. */
    public String warehouse() {
        return resolve("warehouse");
    }

    /** A location under the lake, as a URI: {@code <lake>/<relative>}. */
    public String resolve(String relative) {
        return location + "/" + relative;
    }

    /** True when the lake is on the local file system (a {@code file:} URI). */
    public boolean isLocal() {
        return location.startsWith("file:");
    }

    /** The lake folder when the lake is on the local file system. */
    public Optional<Path> localDirectory() {
        return isLocal() ? Optional.of(Path.of(URI.create(location))) : Optional.empty();
    }

    /**
     * The local lake folder for {@code purpose}, a feature that keeps machine-local files beside the lake (embedded
     * service state, default export folders); a lake elsewhere is an {@link IllegalArgumentException} naming what to
     * pass instead.
     */
    public Path localDirectory(String purpose) {
        return localDirectory()
                .orElseThrow(() -> new IllegalArgumentException(
                        purpose + " needs a lake on the local file system, but the lake is " + location));
    }

    /** Folder for machine-local state that is not tables (service pids and data, checkpoints) of a local lake. */
    public Path stateDirectory(String purpose) {
        return localDirectory(purpose).resolve("state");
    }

    /** The lake as people write it: the local folder for a {@code file:} lake, else the URI. */
    public String display() {
        return localDirectory().map(Path::toString).orElse(location);
    }

    @Override
    public String toString() {
        return "LakeSettings[location=" + location + ", catalogType=" + catalogType + ", catalogUri="
                + MaskedUrls.mask(catalogUri.orElse("")) + "]";
    }
}
