package io.shoplake.cli;

import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.prediction.PredictCommand;
import io.shoplake.config.ConfigException;
import io.shoplake.lakehouse.MaskedUrls;
import io.shoplake.lakehouse.MissingTableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code shoplake} command: every subcommand is listed here. */
@Command(
        name = "shoplake",
        mixinStandardHelpOptions = true,
        version = "shoplake 0.1.0",
        description = "Commerce data platform: ingest, a quality-checked Iceberg lakehouse, and business answers.",
        subcommands = {
            TablesCommand.class,
            RunsCommand.class,
            SqlCommand.class,
            IngestCommand.class,
            BuildCommand.class,
            ReportCommand.class,
            GenerateCommand.class,
            MysqlCommand.class,
            PredictCommand.class,
            MlCommand.class,
            RunCommand.class,
            ServicesCommand.class,
            DemoCommand.class,
            StreamCommand.class,
            QualityCommand.class,
            MaintainCommand.class,
            PublishCommand.class,
            ServeCommand.class,
            ScheduleCommand.class,
            SalesCommand.class,
        })
public final class Main implements Runnable {

    public static final int OK = ExitCode.OK;
    public static final int RUN_FAILED = ExitCode.RUN_FAILED;
    public static final int USAGE = ExitCode.USAGE;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns its exit code; never exits the JVM (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            return report(e, commandLine.getErr(), verbose);
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Maps an exception to an exit code and a one-line message; the stack trace only with --verbose. */
    static int report(Exception e, PrintWriter err, boolean verbose) {
        if (verbose) {
            e.printStackTrace(err);
        }
        // Every message passes the one URL mask: a driver may quote the URL it was given, password and all.
        if (e instanceof UsageException || e instanceof ConfigException) {
            err.println("error: " + MaskedUrls.maskIn(e.getMessage()));
            return USAGE;
        }
        if (e instanceof RunFailedException || e instanceof MissingTableException) {
            err.println("error: " + MaskedUrls.maskIn(e.getMessage()));
            return RUN_FAILED;
        }
        err.println("error: " + MaskedUrls.maskIn(ExitCode.firstLine(e))
                + (verbose ? "" : " (run with --verbose for details)"));
        return RUN_FAILED;
    }
}
