package io.shoplake.cli.common;

import io.shoplake.console.Output;
import java.io.PrintWriter;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;

/** The {@code --json} switch: machine-readable output instead of a human table. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as JSON with {@code --json}, else with the command's human printer. */
    public <T> void print(PrintWriter out, T value, BiConsumer<PrintWriter, T> human) {
        if (json) {
            Output.json(out, value);
        } else {
            human.accept(out, value);
        }
    }
}
