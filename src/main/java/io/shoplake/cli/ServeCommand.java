package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.dashboard.DashboardServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shoplake serve}: the web dashboard over the lake, until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the dashboard (charts over the gold and ops tables, JSON at /api/<chart>); read-only, "
                + "bound to loopback unless --bind says otherwise. Stops on Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: 8080; 0 picks a free one).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: 127.0.0.1).")
    String bind = "127.0.0.1";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535, was: " + port);
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--bind is not an address of this machine: " + bind);
        }
        var out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.of(common);
                DashboardServer server = DashboardServer.start(workspace.lake(), bind, port)) {
            if (!loopback) {
                out.println("warning: serving on " + bind + ": anyone who can reach this address can read the charts");
            }
            out.println("dashboard: " + server.url() + "  (Ctrl-C to stop)");
            out.flush();
            new CountDownLatch(1).await();
            return ExitCode.OK;
        }
    }
}
