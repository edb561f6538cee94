package io.shoplake.cli.flyers;

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

/** The bad-input corpus through {@code ingest events --from DIR} (CSV events). */
class EventsBadInputTest extends BadInputCorpus {

    @Override
    protected FileSource source() {
        return new FileSource() {
            @Override
            public List<String> header() {
                return List.of("timestamp", "user_id", "event", "flyer_id", "merchant_id");
            }

            @Override
            public List<String> record(int id) {
                return List.of("2024-01-15 10:00:00", "u" + id, "flyer_open", "7", "3");
            }

            @Override
            public int dateColumn() {
                return 0;
            }

            @Override
            public int numberColumn() {
                return 3;
            }

            @Override
            public int textColumn() {
                return 1;
            }

            @Override
            public String impossibleDate() {
                return "2017-02-30 10:00:00";
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
                        List.of("ingest", "events", "--from", drop.toString(), "--lake", lake.toString()));
                Collections.addAll(args, options);
                return CliTestSupport.run(args.toArray(String[]::new));
            }

            @Override
            public TableId bronze() {
                return TableId.bronze("events");
            }

            @Override
            public TableId silver() {
                return TableId.silver("events");
            }

            @Override
            public Optional<String> impossibleDateReason(String value) {
                return Optional.of("unparsable timestamp: " + value);
            }

            @Override
            public Optional<String> numberReason(String value) {
                // Ids are integers; a negative one is still an integer id.
                return value.startsWith("-") ? Optional.empty() : Optional.of("flyer_id is not an integer: " + value);
            }

            @Override
            public Duplicates duplicates() {
                return Duplicates.QUARANTINED;
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
                return "--from must be a file or a folder, was: " + path + " (not found)";
            }
        };
    }

    @Override
    protected String duplicateReason() {
        return "duplicate event (same user_id, timestamp, event, flyer_id, merchant_id)";
    }
}
