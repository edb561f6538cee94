package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.TableId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome for one file: its content hash, status, and counts. {@code rowsIn} data records were read,
 * {@code rows} of them written to the target table and {@code quarantined} to its quarantine table
 * ({@code rowsIn == rows + quarantined}); {@code blankLines} were skipped. {@code message} says why a file is unusable.
 */
public record FileIngestResult(
        Path path,
        TableId table,
        String sha256,
        FileStatus status,
        Optional<String> message,
        long rowsIn,
        long rows,
        long quarantined,
        long blankLines) {

    /** The end of an unusable file's message when its header is only numbers: the file probably has no header. */
    public static final String LOOKS_HEADERLESS = HeaderRules.LOOKS_HEADERLESS;

    public FileIngestResult {
        requireNonNull(path, "path is null");
        requireNonNull(table, "table is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
    }

    static FileIngestResult loaded(
            Path path, TableId table, String sha256, long rowsIn, long rows, long quarantined, long blankLines) {
        return new FileIngestResult(
                path, table, sha256, FileStatus.LOADED, Optional.empty(), rowsIn, rows, quarantined, blankLines);
    }

    static FileIngestResult alreadyLoaded(Path path, TableId table, String sha256) {
        return new FileIngestResult(path, table, sha256, FileStatus.ALREADY_LOADED, Optional.empty(), 0, 0, 0, 0);
    }

    /** A file nothing of which was loaded, and why. */
    public static FileIngestResult unusable(Path path, TableId table, String sha256, String message) {
        return new FileIngestResult(path, table, sha256, FileStatus.UNUSABLE, Optional.of(message), 0, 0, 0, 0);
    }
}
