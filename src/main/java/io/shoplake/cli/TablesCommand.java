package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code shoplake tables}: every lake table with its layer and row count. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = "List every lake table with its row count.")
final class TablesCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.ofExistingLake(common)) {
            Lakehouse lake = workspace.lake();
            List<Map<String, Object>> tables = new ArrayList<>();
            for (Layer layer : Layer.values()) {
                for (TableId table : lake.tables(layer)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("layer", layer.namespace());
                    entry.put("table", table.toString());
                    entry.put("rows", lake.read(table).count());
                    tables.add(entry);
                }
            }
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, tables);
            } else {
                Output.table(
                        out,
                        List.of("layer", "table", "rows"),
                        tables.stream()
                                .map(t -> List.of(
                                        String.valueOf(t.get("layer")),
                                        String.valueOf(t.get("table")),
                                        String.valueOf(t.get("rows"))))
                                .toList());
            }
            return Main.OK;
        }
    }
}
