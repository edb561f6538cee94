package io.shoplake.cli;

import io.shoplake.lake.RunLedger;
import io.shoplake.sources.transactions.TransactionFileFormat;
import io.shoplake.sources.transactions.TransactionFileIngest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake ingest transactions}: a transaction log file into silver.transactions, bad rows quarantined. */
@Command(name = "transactions", mixinStandardHelpOptions = true,
        description = "Load a transaction log (customer, date, amount) into silver.transactions; bad rows to quarantine.")
final class IngestTransactionsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The transaction log file.")
    Path from;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|whitespace",
            description = "Field separation (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--customer-col", defaultValue = "customer_id", paramLabel = "C",
            description = "Customer column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String customerColumn;

    @Option(names = "--date-col", defaultValue = "date", paramLabel = "D",
            description = "Date column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String dateColumn;

    @Option(names = "--amount-col", defaultValue = "amount", paramLabel = "A",
            description = "Amount column: header name or 1-based position (default: ${DEFAULT-VALUE}).")
    String amountColumn;

    @Option(names = "--date-format", defaultValue = "yyyy-MM-dd", paramLabel = "F",
            description = "Date pattern (java.time), e.g. yyyyMMdd (default: ${DEFAULT-VALUE}).")
    String dateFormat;

    @Option(names = "--no-header", description = "The file has no header line (columns by position).")
    boolean noHeader;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TransactionFileFormat fileFormat = PredictOptions.usage(() -> new TransactionFileFormat(
                TransactionFileFormat.Layout.of(format), !noHeader, customerColumn, dateColumn, amountColumn, dateFormat));
        if (!java.nio.file.Files.isRegularFile(from)) {
            throw new UsageException("--from must be a file, was: " + from);
        }
        try (Workspace workspace = Workspace.of(common)) {
            TransactionFileIngest.Report report;
            try {
                report = TransactionFileIngest.load(workspace.lake(), from, fileFormat, RunLedger.newRunId());
            } catch (IllegalArgumentException e) {
                throw new RunFailedException(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            if (output.json()) {
                Output.json(out, report);
            } else {
                out.println("silver.transactions: " + report.loaded() + " rows loaded, " + report.quarantined()
                        + " quarantined (quarantine.silver_transactions), " + report.blankLines()
                        + " blank lines skipped; run " + report.runId());
            }
            return Main.OK;
        }
    }
}
