package io.shoplake.sources.files;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.TableId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to ingest: a file or a folder (every regular, non-hidden file in it, by name), the bronze table it goes to, the
 * format, the columns each file's header must have, the column names when the files have no header line, and the run
 * (id and job name) the loads are recorded under.
 */
public record FileIngestRequest(
        Path path,
        TableId target,
        FileFormat format,
        Optional<List<String>> requiredColumns,
        Optional<List<String>> columnNames,
        String runId,
        String job) {

    public FileIngestRequest {
        requireNonNull(path, "path is null");
        requireNonNull(target, "target is null");
        requireNonNull(format, "format is null");
        requiredColumns =
                requireNonNull(requiredColumns, "requiredColumns is null").map(FileIngestRequest::normalise);
        columnNames = requireNonNull(columnNames, "columnNames is null").map(FileIngestRequest::normalise);
        requireNonNull(runId, "runId is null");
        requireNonNull(job, "job is null");
        if (columnNames.isPresent() && format == FileFormat.JSON_LINES) {
            throw new IllegalArgumentException("JSON Lines files name their fields; column names must not be given");
        }
        if (columnNames.isPresent() && requiredColumns.isPresent()) {
            List<String> missing = new ArrayList<>(requiredColumns.get());
            missing.removeAll(columnNames.get());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("required columns must be among the given column names, missing: "
                        + String.join(", ", missing));
            }
        }
    }

    /** A request for files with a header line, no required columns. */
    public static FileIngestRequest of(Path path, TableId target, FileFormat format, String runId, String job) {
        return new FileIngestRequest(path, target, format, Optional.empty(), Optional.empty(), runId, job);
    }

    public FileIngestRequest withRequiredColumns(List<String> columns) {
        return new FileIngestRequest(path, target, format, Optional.of(columns), columnNames, runId, job);
    }

    /** The files have no header line; their columns are {@code names}, in order. */
    public FileIngestRequest withColumnNames(List<String> names) {
        return new FileIngestRequest(path, target, format, requiredColumns, Optional.of(names), runId, job);
    }

    /** Column names by 1-based position: {@code c1..cN}, for headerless files with no names of their own. */
    public static List<String> positionalNames(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("column count must be at least 1, was: " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("c" + i);
        }
        return List.copyOf(names);
    }

    ParseSpec parseSpec() {
        return new ParseSpec(
                format,
                columnNames.orElse(List.of()),
                format == FileFormat.JSON_LINES ? requiredColumns.orElse(List.of()) : List.of());
    }

    private static List<String> normalise(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a column list must not be empty");
        }
        List<String> normalised = new ArrayList<>(names.size());
        for (String name : names) {
            String n = requireNonNull(name, "column name is null").trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("column names must not be blank, were: " + names);
            }
            if (normalised.contains(n)) {
                throw new IllegalArgumentException("column names must be unique, '" + n + "' repeats in: " + names);
            }
            normalised.add(n);
        }
        return List.copyOf(normalised);
    }
}
