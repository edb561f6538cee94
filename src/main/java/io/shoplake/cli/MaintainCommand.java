package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import io.shoplake.lakehouse.TableMaintenance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake maintain}: Iceberg compaction and snapshot expiry on any lake table. */
@Command(
        name = "maintain",
        mixinStandardHelpOptions = true,
        description = "Compact small files (rewrite_data_files) and expire old snapshots (expire_snapshots) of lake "
                + "tables.")
public final class MaintainCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(names = "--table", paramLabel = "LAYER.NAME", description = "A table to maintain (repeatable).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--layer", paramLabel = "LAYER", description = "Every table of a layer (repeatable).")
    List<String> layers = new ArrayList<>();

    @Option(
            names = "--target-file-mb",
            paramLabel = "MB",
            defaultValue = "512",
            description = "File size compaction aims at (default: ${DEFAULT-VALUE}).")
    long targetFileMb;

    @Option(
            names = "--expire-older-than-days",
            paramLabel = "D",
            defaultValue = "7",
            description = "Snapshots older than this may be expired (default: ${DEFAULT-VALUE}; 0 = all but the kept).")
    int olderThanDays;

    @Option(
            names = "--retain-last",
            paramLabel = "N",
            defaultValue = "5",
            description = "Snapshots always kept (default: ${DEFAULT-VALUE}).")
    int retainLast;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (tables.isEmpty() && layers.isEmpty()) {
            throw new UsageException("name --table LAYER.NAME or --layer LAYER (each repeatable)");
        }
        if (olderThanDays < 0) {
            throw new UsageException("--expire-older-than-days must be at least 0, was: " + olderThanDays);
        }
        List<TableId> named = new ArrayList<>();
        for (String t : tables) {
            named.add(UsageException.whenInvalid(() -> TableId.parse(t)));
        }
        List<Layer> chosenLayers = new ArrayList<>();
        for (String l : layers) {
            chosenLayers.add(UsageException.whenInvalid(() -> Layer.of(l)));
        }
        // Expiry is about storage, not data: the clock is the right reference here.
        TableMaintenance.Options options = UsageException.whenInvalid(() -> new TableMaintenance.Options(
                targetFileMb * 1024 * 1024, Instant.now().minus(Duration.ofDays(olderThanDays)), retainLast));
        List<TableMaintenance.Result> results;
        var err = spec.commandLine().getErr();
        try (Workspace workspace = Workspace.of(common)) {
            List<TableId> all = new ArrayList<>(named);
            for (Layer layer : chosenLayers) {
                all.addAll(workspace.lake().tables(layer));
            }
            TableMaintenance maintenance = new TableMaintenance(workspace.lake());
            results = new ArrayList<>();
            for (TableId table : all) {
                err.println("  maintaining " + table);
                err.flush();
                results.add(maintenance.maintain(table, options));
            }
        }
        output.print(
                spec.commandLine().getOut(),
                results,
                (out, rs) -> Output.table(
                        out,
                        List.of(
                                "table",
                                "files rewritten",
                                "files added",
                                "snapshots before",
                                "after",
                                "files deleted"),
                        rs.stream()
                                .map(r -> List.of(
                                        r.table().toString(),
                                        String.valueOf(r.filesRewritten()),
                                        String.valueOf(r.filesAdded()),
                                        String.valueOf(r.snapshotsBefore()),
                                        String.valueOf(r.snapshotsAfter()),
                                        String.valueOf(r.dataFilesDeleted())))
                                .toList()));
        return ExitCode.OK;
    }
}
