package io.shoplake.demo;

import io.shoplake.dashboard.DashboardServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The demo's last step: the dashboard over the demo lake. By default it prints the command that serves it; with
 * {@link DemoSettings#serve()} it serves on 127.0.0.1 (port 8080, or a free one when taken) until Enter.
 */
final class DemoDashboard {

    static final int PORT = 8080;

    private DemoDashboard() {}

    static void showDashboard(DemoRun run) {
        if (!run.settings().serve()) {
            run.out()
                    .println("   dashboard: `./shoplake serve --lake "
                            + run.settings().lake() + "`, then open http://127.0.0.1:" + PORT
                            + "/ (or run the demo with --serve)");
            return;
        }
        try (DashboardServer server = start(run)) {
            run.out().println("   dashboard: " + server.url() + "  (press Enter to stop serving)");
            run.out().flush();
            run.in().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Enter from the console: " + e.getMessage(), e);
        }
    }

    private static DashboardServer start(DemoRun run) {
        try {
            return DashboardServer.start(run.lake(), "127.0.0.1", PORT);
        } catch (UncheckedIOException e) {
            // Port 8080 is often taken on a developer machine: any free port serves the demo as well.
            return DashboardServer.start(run.lake(), "127.0.0.1", 0);
        }
    }
}
