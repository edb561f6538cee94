package io.shoplake.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch: machine-readable output instead of a human table. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    public boolean json() {
        return json;
    }
}
