package io.shoplake.cli.publish;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.config.Secrets;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import io.shoplake.publishers.jdbc.JdbcPublishException;
import io.shoplake.publishers.jdbc.JdbcPublisher;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake publish postgres|mysql}: upsert a lake table into a PostgreSQL or MySQL table. */
@Command(
        name = "postgres",
        aliases = "mysql",
        mixinStandardHelpOptions = true,
        description = "Upsert a lake table into PostgreSQL or MySQL/MariaDB by its key, in batches (a transaction "
                + "each); the target is created from the lake schema when missing; a re-run leaves the same rows.")
public final class PublishJdbcCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption json;

    @Option(
            names = "--table",
            required = true,
            paramLabel = "LAYER.NAME",
            description = "The lake table, e.g. gold.covid_daily.")
    String table;

    @Option(
            names = "--to",
            paramLabel = "SCHEMA.TABLE",
            description =
                    "Target table (default: PostgreSQL <layer>.<name>; MySQL <layer>_<name> in the URL's database).")
    String to;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://..., jdbc:mysql://... or jdbc:mariadb://...")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (default: the URL's).")
    String user;

    @Option(
            names = "--password-env",
            paramLabel = "ENV",
            description = "Environment variable holding the password (never printed).")
    String passwordEnv;

    @Option(
            names = "--key",
            split = ",",
            paramLabel = "COLUMN",
            description = "Key columns (default: the table's known key).")
    List<String> key;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per transaction (default: 1000).")
    int batchSize = 1000;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TableId source = UsageException.whenInvalid(() -> TableId.parse(table));
        List<String> keys = Optional.ofNullable(key)
                .or(() -> PublishKeys.of(source.toString()))
                .orElseThrow(() -> new UsageException(source + " has no known key: give --key COLUMN[,COLUMN]"));
        Optional<String> password = Optional.empty();
        if (passwordEnv != null) {
            password = Optional.of(Secrets.fromEnv(passwordEnv)
                    .orElseThrow(() -> new UsageException("environment variable " + passwordEnv + " is not set")));
        }
        boolean mysql = !url.startsWith("jdbc:postgresql:");
        String target = to != null ? to : mysql ? source.layer().namespace() + "_" + source.name() : source.toString();
        Optional<String> finalPassword = password;
        JdbcPublisher.Target destination = UsageException.whenInvalid(
                () -> new JdbcPublisher.Target(url, Optional.ofNullable(user), finalPassword, target, keys, batchSize));
        try (Workspace workspace = Workspace.of(common)) {
            if (!workspace.lake().exists(source)) {
                throw new RunFailedException(source + " does not exist"
                        + (source.layer() == Layer.GOLD ? ": build it first (see `shoplake tables`)" : ""));
            }
            JdbcPublisher.Result result;
            try {
                result = JdbcPublisher.publish(workspace.lake().read(source), destination);
            } catch (JdbcPublishException | IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            json.print(
                    out,
                    result,
                    (o, r) -> Output.table(
                            o,
                            List.of("table", "target", "rows upserted", "batches", "created"),
                            List.of(List.of(
                                    source.toString(),
                                    r.target(),
                                    String.valueOf(r.rows()),
                                    String.valueOf(r.batches()),
                                    r.created() ? "yes" : "no"))));
            return ExitCode.OK;
        }
    }
}
