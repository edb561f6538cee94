package io.shoplake.testing;

import io.shoplake.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures what it prints. */
public final class CliTestSupport {

    /** Exit code and captured streams of one CLI run. */
    public record CliResult(int exitCode, String out, String err) {}

    private CliTestSupport() {}

    public static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliResult(code, out.toString(), err.toString());
    }
}
