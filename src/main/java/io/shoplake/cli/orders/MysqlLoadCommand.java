package io.shoplake.cli.orders;

import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.config.Secrets;
import io.shoplake.console.Output;
import io.shoplake.pipelines.orders.mysql.MysqlLoadException;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import io.shoplake.pipelines.orders.mysql.MysqlOrdersLoader;
import io.shoplake.pipelines.orders.mysql.MysqlTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake mysql load}: an orders CSV folder into MySQL, idempotently, reporting every reject. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load an orders CSV folder (customers, employees, products, orders, order_details, and "
                + "<table>-*.csv parts) into MySQL: creates the tables when missing, upserts by primary key in "
                + "batches, reports rejected rows with their reasons.")
public final class MysqlLoadCommand implements Callable<Integer> {

    static final String USER_ENV = "SHOPLAKE_JDBC_USER";
    static final String PASSWORD_ENV = "SHOPLAKE_JDBC_PASSWORD";

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "Folder with the CSV files.")
    Path from;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "JDBC URL, e.g. jdbc:mysql://127.0.0.1:3306/northwind (database created when missing).")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "User (default: $" + USER_ENV + ", else root).")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File holding the password (default: $" + PASSWORD_ENV + "; none when neither is set).")
    String passwordFile;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "" + MysqlOrdersLoader.DEFAULT_BATCH_SIZE,
            description = "Rows per JDBC batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--rejects",
            paramLabel = "FILE",
            description = "Also write every rejected row to this CSV (table, file, line, reason, raw_record).")
    Path rejectsFile;

    @Mixin
    JsonOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new UsageException("--batch must be at least 1, was: " + batch);
        }
        if (!Files.isDirectory(from)) {
            throw new UsageException("--from must be a folder, was: " + from);
        }
        MysqlTarget target = target();
        PrintWriter err = spec.commandLine().getErr();
        try (RejectsWriter rejects = new RejectsWriter(rejectsFile)) {
            MysqlOrdersLoader.Listener listener = new MysqlOrdersLoader.Listener() {
                @Override
                public void rejected(MysqlLoadResult.Reject reject) {
                    rejects.write(reject);
                }

                @Override
                public void progress(String table, long rowsRead) {
                    err.printf("mysql load: %s %,d rows read...%n", table, rowsRead)
                            .flush();
                }
            };
            MysqlLoadResult result = new MysqlOrdersLoader(target, batch, listener).load(from);
            print(spec.commandLine().getOut(), result);
            return ExitCode.OK;
        } catch (MysqlLoadException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
    }

    private MysqlTarget target() {
        String name =
                Optional.ofNullable(user).or(() -> Secrets.fromEnv(USER_ENV)).orElse("root");
        Optional<String> password = Secrets.fromEnv(PASSWORD_ENV).or(() -> Secrets.fromFile(passwordFile));
        try {
            return new MysqlTarget(url, name, password);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url: " + e.getMessage());
        }
    }

    private void print(PrintWriter out, MysqlLoadResult result) {
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", result.database());
            json.put("seconds", result.elapsed().toMillis() / 1000.0);
            List<Map<String, Object>> tables = new ArrayList<>();
            for (MysqlLoadResult.TableLoad table : result.tables()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("table", table.table());
                entry.put(
                        "files",
                        table.files().stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
                entry.put("rows_read", table.rowsRead());
                entry.put("rows_loaded", table.rowsLoaded());
                entry.put("rows_rejected", table.rejected());
                entry.put("table_rows", table.tableRows());
                entry.put("rejected_by_rule", new java.util.TreeMap<>(table.rejectedByRule()));
                entry.put(
                        "examples",
                        table.examples().stream().map(MysqlLoadCommand::example).toList());
                tables.add(entry);
            }
            json.put("tables", tables);
            json.put(
                    "ignored_files",
                    result.ignoredFiles().stream()
                            .map(p -> p.getFileName().toString())
                            .toList());
            Output.json(out, json);
            return;
        }
        for (Path ignored : result.ignoredFiles()) {
            out.println("ignored: " + ignored.getFileName() + " (not an orders table)");
        }
        List<List<String>> rows = new ArrayList<>();
        for (MysqlLoadResult.TableLoad table : result.tables()) {
            rows.add(List.of(
                    table.table(),
                    String.valueOf(table.files().size()),
                    String.valueOf(table.rowsRead()),
                    String.valueOf(table.rowsLoaded()),
                    String.valueOf(table.rejected()),
                    String.valueOf(table.tableRows())));
        }
        Output.table(out, List.of("table", "files", "read", "loaded", "rejected", "table_rows"), rows);
        List<List<String>> rules = new ArrayList<>();
        for (MysqlLoadResult.TableLoad table : result.tables()) {
            table.rejectedByRule().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(rule -> rules.add(List.of(
                            table.table(),
                            rule.getKey(),
                            String.valueOf(rule.getValue()),
                            table.examples().stream()
                                    .filter(e -> e.rule().equals(rule.getKey()))
                                    .findFirst()
                                    .map(MysqlLoadCommand::example)
                                    .orElse(""))));
        }
        if (!rules.isEmpty()) {
            out.println();
            out.println("rejected rows by rule (every row: --rejects FILE):");
            Output.table(out, List.of("table", "rule", "rows", "example"), rules);
        }
        out.printf(
                "loaded into %s in %.1f s%n",
                result.database(), result.elapsed().toMillis() / 1000.0);
    }

    private static String example(MysqlLoadResult.Reject reject) {
        return reject.file().getFileName() + ":" + reject.line() + " " + reject.reason();
    }

    /** Streams rejects to a CSV file when asked; does nothing otherwise. */
    private static final class RejectsWriter implements AutoCloseable {
        private final Path file;
        private final BufferedWriter writer;

        RejectsWriter(Path file) {
            this.file = file;
            try {
                this.writer = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                if (writer != null) {
                    writer.write("table,file,line,reason,raw_record\n");
                }
            } catch (IOException e) {
                throw new UsageException("cannot write --rejects file " + file + ": " + e.getMessage());
            }
        }

        void write(MysqlLoadResult.Reject reject) {
            if (writer == null) {
                return;
            }
            try {
                writer.write(List.of(
                                reject.table(),
                                reject.file().toString(),
                                String.valueOf(reject.line()),
                                reject.reason(),
                                reject.raw() == null ? "" : reject.raw())
                        .stream()
                        .map(Output::csvField)
                        .collect(Collectors.joining(",")));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
