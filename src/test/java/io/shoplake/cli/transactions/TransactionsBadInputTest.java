package io.shoplake.cli.transactions;

import io.shoplake.lakehouse.TableId;
import io.shoplake.sources.files.BadInputCorpus;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The bad-input corpus through {@code ingest transactions --from DIR} (CSV with a header). */
class TransactionsBadInputTest extends BadInputCorpus {

    @Override
    protected FileSource source() {
        return new FileSource() {
            @Override
            public List<String> header() {
                return List.of("customer_id", "date", "amount");
            }

            @Override
            public List<String> record(int id) {
                return List.of("c" + id, "2024-01-15", "12.50");
            }

            @Override
            public int dateColumn() {
                return 1;
            }

            @Override
            public int numberColumn() {
                return 2;
            }

            @Override
            public int textColumn() {
                return 0;
            }

            @Override
            public String impossibleDate() {
                return "2017-02-30";
            }

            @Override
            public String fileName(String family) {
                return family + ".csv";
            }

            @Override
            public void prepare(Path drop) {}

            @Override
            public CliResult ingest(Path drop, Path lake, String... options) {
                TestSpark.spark();
                List<String> args = new ArrayList<>(
                        List.of("ingest", "transactions", "--from", drop.toString(), "--lake", lake.toString()));
                Collections.addAll(args, options);
                return CliTestSupport.run(args.toArray(String[]::new));
            }

            @Override
            public TableId bronze() {
                return TableId.bronze("transactions");
            }

            @Override
            public TableId silver() {
                return TableId.silver("transactions");
            }

            @Override
            public Optional<String> impossibleDateReason(String value) {
                return Optional.of("date: not a valid date (yyyy-MM-dd): " + value);
            }

            @Override
            public Optional<String> numberReason(String value) {
                return Optional.of(
                        value.startsWith("-")
                                ? "amount: must be at least 0, was: " + value
                                : "amount: not a valid decimal: " + value);
            }

            @Override
            public Duplicates duplicates() {
                return Duplicates.KEPT;
            }

            @Override
            public String missingColumnMessage(Path file, String column) {
                return file + ": header lacks required column: " + column;
            }

            @Override
            public int missingPathExitCode() {
                return 2;
            }

            @Override
            public String missingPathMessage(Path path) {
                return "--from must be a file or folder, was: " + path;
            }
        };
    }
}
