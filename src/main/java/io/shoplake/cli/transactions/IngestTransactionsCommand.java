package io.shoplake.cli.transactions;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.UsageException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.transactions.TransactionFileFormat;
import io.shoplake.pipelines.transactions.TransactionFileIngest;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngestResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest transactions}: a transaction log file into silver.transactions, bad rows quarantined. */
@Command(
        name = "transactions",
        mixinStandardHelpOptions = true,
        description =
                "Load a transaction log (customer, date, amount) via bronze.transactions into silver.transactions; bad rows to quarantine.")
public final class IngestTransactionsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "FILE",
            description = "The transaction log file (or a folder of them).")
    Path from;

    @Option(
            names = "--format",
            defaultValue = "csv",
            paramLabel = "csv|whitespace",
            description = "Field separation (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--customer-col",
            defaultValue = "customer_id",
            paramLabel = "C",
            description = "Customer column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String customerColumn;

    @Option(
            names = "--date-col",
            defaultValue = "date",
            paramLabel = "D",
            description = "Date column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(
            names = "--amount-col",
            defaultValue = "amount",
            paramLabel = "A",
            description = "Amount column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String amountColumn;

    @Option(
            names = "--date-format",
            defaultValue = "yyyy-MM-dd",
            paramLabel = "F",
            description = "Date pattern (java.time), e.g. yyyyMMdd (default: ${DEFAULT-VALUE}).")
    String dateFormat;

    @Option(names = "--no-header", description = "The file has no header line (columns by position).")
    boolean noHeader;

    @Option(
            names = "--columns",
            defaultValue = "0",
            paramLabel = "N",
            description = "Without a header: the file's number of columns (default: the highest position given).")
    int columns;

    @Option(
            names = "--reload",
            description = "Replace the earlier load of the --from file(s): their bronze rows, quarantined lines and "
                    + "ops.files entries go, then they load again (e.g. after a load with the wrong --no-header).")
    boolean reload;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private TransactionFileFormat transactionFormat() {
        String name = format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("csv") && !name.equals("whitespace")) {
            throw new IllegalArgumentException("format must be csv or whitespace, was: " + format);
        }
        return new TransactionFileFormat(
                FileFormat.of(name), !noHeader, customerColumn, dateColumn, amountColumn, dateFormat, columns);
    }

    @Override
    public Integer call() {
        TransactionFileFormat fileFormat = UsageException.whenInvalid(() -> transactionFormat());
        if (!java.nio.file.Files.exists(from)) {
            throw new UsageException("--from must be a file or folder, was: " + from);
        }
        try (Workspace workspace = Workspace.of(common)) {
            TransactionFileIngest.Report report;
            try {
                report = TransactionFileIngest.load(workspace.lake(), from, fileFormat, RunLedger.newRunId(), reload);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new RunFailedException(
                        message.endsWith(FileIngestResult.LOOKS_HEADERLESS) ? message + "; use --no-header" : message);
            }
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, report);
            } else {
                out.println("silver.transactions: " + report.loaded() + " rows loaded, " + report.quarantined()
                        + " quarantined (quarantine.silver_transactions); files: " + report.filesLoaded()
                        + " loaded into bronze.transactions (" + report.bronzeRows() + " rows, "
                        + report.bronzeQuarantined() + " unparsable lines quarantined, " + report.blankLines()
                        + " blank lines skipped), " + report.filesAlreadyLoaded() + " already loaded; run "
                        + report.runId());
            }
            return ExitCode.OK;
        }
    }
}
