package io.shoplake.cli.sales;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.Secrets;
import io.shoplake.pipelines.sales.SalesData;
import io.shoplake.pipelines.sales.SalesDatabase;
import io.shoplake.pipelines.sales.SalesFile;
import io.shoplake.services.ServiceControl;
import io.shoplake.services.ServiceKind;
import io.shoplake.services.ServiceStatus;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake sales load}: the generated sales into the PostgreSQL sales database, idempotently. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Create the sales schema and team roles (sql/postgres/sales) and load <from>/sales.json into "
                + "PostgreSQL; running it again changes nothing. Without --url: the embedded PostgreSQL of "
                + "`services up postgres` (started when not running).")
public final class SalesLoadCommand implements Callable<Integer> {

    static final String USER_ENV = "SHOPLAKE_JDBC_USER";
    static final String PASSWORD_ENV = "SHOPLAKE_JDBC_PASSWORD";

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(names = "--from", paramLabel = "DIR", description = "Folder of sales.json (default: <lake>/exports/sales).")
    Path from;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "e.g. jdbc:postgresql://127.0.0.1:5432/sales.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "User (default: $" + USER_ENV + ", else postgres).")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File holding the password (default: $" + PASSWORD_ENV + "; none when neither is set).")
    String passwordFile;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.of(common)) {
            return load(workspace);
        }
    }

    private int load(Workspace workspace) {
        Path folder = from != null
                ? from
                : SalesFile.defaultFolder(UsageException.whenInvalid(
                        () -> workspace.settings().localDirectory("the default sales file (without --from)")));
        SalesData data = UsageException.whenInvalid(() -> SalesFile.read(folder));
        String target = url != null ? url : embeddedUrl(workspace);
        String name =
                Optional.ofNullable(user).or(() -> Secrets.fromEnv(USER_ENV)).orElse("postgres");
        Optional<String> password = Secrets.fromEnv(PASSWORD_ENV).or(() -> Secrets.fromFile(passwordFile));
        SalesDatabase database = UsageException.whenInvalid(() -> new SalesDatabase(target, name, password));
        try {
            SalesDatabase.LoadResult result = database.load(data);
            output.print(
                    spec.commandLine().getOut(),
                    result,
                    (out, r) -> out.println("sales database " + target
                            + ": " + r.members() + " members, " + r.manufacturers() + " manufacturers, " + r.items()
                            + " items, " + r.transactions() + " transactions, " + r.lines() + " lines"));
            return ExitCode.OK;
        } catch (SQLException e) {
            throw new RunFailedException("cannot load the sales database at " + target + ": " + e.getMessage(), e);
        }
    }

    private String embeddedUrl(Workspace workspace) {
        ServiceControl control = new ServiceControl(
                UsageException.whenInvalid(() -> workspace.settings().stateDirectory("embedded services"))
                        .resolve("services"));
        spec.commandLine()
                .getErr()
                .println("sales load: no --url; using the embedded PostgreSQL (services up postgres)");
        List<ServiceStatus> status = control.up(Set.of(ServiceKind.POSTGRES), Duration.ofSeconds(180));
        return status.get(0)
                .record()
                .orElseThrow(() -> new RunFailedException("the embedded PostgreSQL did not record its URL"))
                .url();
    }
}
