package io.shoplake.cli;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.services.ServiceControl;
import io.shoplake.services.ServiceKind;
import io.shoplake.services.ServiceRecord;
import io.shoplake.services.ServiceStartException;
import io.shoplake.services.ServiceStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoplake services up|down|status}: embedded servers that keep running in the background. */
@Command(
        name = "services",
        mixinStandardHelpOptions = true,
        description = {
            "Start, inspect or stop embedded servers on loopback: MariaDB (MySQL protocol), PostgreSQL, "
                    + "Kafka and a MongoDB wire-protocol server. They run in a background JVM, keep their data under "
                    + "<lake>/state/services and stay up until `services down`."
        })
final class ServicesCommand implements Callable<Integer> {

    /** The actions, in the order the help lists them. */
    enum Action {
        up,
        down,
        status
    }

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Parameters(index = "0", paramLabel = "ACTION", description = "up, down or status.")
    Action action;

    @Option(
            names = "--only",
            paramLabel = "LIST",
            description = "Comma-separated services (default: all): mariadb, postgres, kafka, mongodb.")
    String only;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "180",
            description = "How long `up` waits for each server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Set<ServiceKind> kinds = kinds();
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout must be at least 1, was: " + timeoutSeconds);
        }
        ServiceControl control = new ServiceControl(
                UsageException.whenInvalid(() -> Workspace.of(common).settings().stateDirectory("embedded services"))
                        .resolve("services"));
        List<ServiceStatus> statuses;
        try {
            statuses = switch (action) {
                case up -> control.up(kinds, Duration.ofSeconds(timeoutSeconds));
                case down -> control.down(kinds);
                case status -> control.status(kinds);
            };
        } catch (ServiceStartException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
        print(statuses);
        return Main.OK;
    }

    private Set<ServiceKind> kinds() {
        if (only == null) {
            return EnumSet.allOf(ServiceKind.class);
        }
        try {
            return ServiceKind.parseList(only);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--only: " + e.getMessage());
        }
    }

    private void print(List<ServiceStatus> statuses) {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ServiceStatus status : statuses) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", status.kind().id());
            row.put("state", status.state().label());
            row.put("url", status.record().map(ServiceRecord::url).orElse(""));
            row.put("user", status.record().map(ServiceRecord::user).orElse(""));
            row.put("host_pid", status.record().map(ServiceRecord::hostPid).orElse(null));
            row.put(
                    "server_pids",
                    status.record().map(ServiceRecord::serverPids).orElse(List.of()));
            row.put("data_dir", status.record().map(ServiceRecord::dataDir).orElse(""));
            row.put("note", status.note());
            rows.add(row);
        }
        if (output.json()) {
            Output.json(out, rows);
            return;
        }
        Output.table(
                out,
                List.of("service", "state", "url", "user", "host_pid", "server_pids", "note"),
                rows.stream()
                        .map(row -> List.of(
                                String.valueOf(row.get("service")),
                                String.valueOf(row.get("state")),
                                String.valueOf(row.get("url")),
                                String.valueOf(row.get("user")),
                                row.get("host_pid") == null ? "" : String.valueOf(row.get("host_pid")),
                                ((List<?>) row.get("server_pids"))
                                        .stream().map(String::valueOf).collect(Collectors.joining(" ")),
                                String.valueOf(row.get("note"))))
                        .collect(Collectors.toList()));
        if (action == Action.up) {
            out.println("MySQL users connect as root without a password; PostgreSQL as postgres (any password).");
        }
    }
}
