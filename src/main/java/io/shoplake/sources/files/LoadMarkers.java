package io.shoplake.sources.files;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A file's load written into the Iceberg commit itself: the commit that appends a file's rows carries the file's
 * SHA-256, path and run as snapshot properties, and a reload's delete names the hashes it undoes. So the rows and the
 * record that the file is loaded are one atomic step; {@code ops.files} is the index, repaired from these on re-run.
 */
final class LoadMarkers {

    static final String SHA256 = "shoplake.file.sha256";
    static final String PATH = "shoplake.file.path";
    static final String RUN_ID = "shoplake.file.run-id";
    static final String UNLOADED = "shoplake.file.unloaded-sha256";

    /** A file load a table's history shows: the run that wrote it, from where, and how many records it added. */
    record Marker(String sha256, String path, String runId, long addedRecords) {}

    private LoadMarkers() {}

    /** Runs {@code write} so that every commit it makes carries the file's marker. */
    static void writeMarked(String sha256, String path, String runId, Runnable write) {
        with(Map.of(SHA256, sha256, PATH, path, RUN_ID, runId), write);
    }

    /** Runs {@code delete} so that its commit records that the loads of {@code sha256s} are undone. */
    static void writeUnloading(List<String> sha256s, Runnable delete) {
        with(Map.of(UNLOADED, String.join(",", sha256s)), delete);
    }

    private static void with(Map<String, String> properties, Runnable write) {
        Callable<Void> call = () -> {
            write.run();
            return null;
        };
        CommitMetadata.withCommitProperties(properties, call, RuntimeException.class);
    }

    /**
     * The file loads that {@code table}'s current history holds and no later reload undid, by SHA-256 (metadata only:
     * no Spark job).
     */
    static Map<String, Marker> loaded(Lakehouse lake, TableId table) {
        Optional<Table> iceberg = lake.icebergTable(table);
        if (iceberg.isEmpty() || iceberg.get().currentSnapshot() == null) {
            return Map.of();
        }
        List<Snapshot> history = new ArrayList<>();
        SnapshotUtil.ancestorsOf(iceberg.get().currentSnapshot().snapshotId(), iceberg.get()::snapshot)
                .forEach(history::add);
        Collections.reverse(history);
        Map<String, Marker> loaded = new HashMap<>();
        for (Snapshot snapshot : history) {
            Map<String, String> summary = snapshot.summary();
            String unloaded = summary.get(UNLOADED);
            if (unloaded != null) {
                for (String sha : unloaded.split(",")) {
                    loaded.remove(sha);
                }
            }
            String sha = summary.get(SHA256);
            if (sha != null) {
                String added = summary.get("added-records");
                long records = added == null ? 0 : Long.parseLong(added);
                Marker earlier = loaded.get(sha);
                loaded.put(
                        sha,
                        new Marker(
                                sha,
                                summary.getOrDefault(PATH, ""),
                                summary.getOrDefault(RUN_ID, ""),
                                records + (earlier == null ? 0 : earlier.addedRecords())));
            }
        }
        return Map.copyOf(loaded);
    }
}
