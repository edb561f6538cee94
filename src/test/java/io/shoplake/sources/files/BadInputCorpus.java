package io.shoplake.sources.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus every file source is fed, in one place: a source's test extends this class and says, through
 * {@link FileSource}, how its files look, how its ingest runs and what its silver step makes of bad values. Each
 * family of damage is one file of a drop; the whole drop is ingested through the real CLI and, per file, the test
 * asserts the exit code and message, {@code rows in = bronze + quarantine}, the quarantine reasons, and
 * {@code silver + silver quarantine (+ superseded duplicates) = bronze}. Behaviour per family: docs/ingest.md.
 */
public abstract class BadInputCorpus {

    /** Records per damaged file besides the damage, so a file's damage never hides its good rows. */
    private static final int CLEAN = 3;

    private static final int LONG_VALUE_BYTES = 1 << 20;

    @TempDir
    protected Path dir;

    /** How one file source is driven and read back. Columns are indexes into {@link #header()}. */
    protected interface FileSource {

        /** The columns of the source's files, as their header names them. */
        List<String> header();

        /** A clean record whose key is {@code id} (unique per id). */
        List<String> record(int id);

        int dateColumn();

        int numberColumn();

        /** A free-text column: the 1 MB value goes there. */
        int textColumn();

        /** A date that does not exist, in the source's date format. */
        String impossibleDate();

        /** The drop's file name for a family, e.g. {@code orders-crlf.csv} or {@code crlf.csv}. */
        String fileName(String family);

        /** Writes the files the source needs besides the damaged ones (e.g. the parents of orders). */
        void prepare(Path drop) throws IOException;

        /** Runs the ingest (and, where silver is a separate command, the build) of {@code drop} into {@code lake}. */
        CliResult ingest(Path drop, Path lake, String... options);

        TableId bronze();

        TableId silver();

        /** Silver's reason for a record with {@link #impossibleDate()}; empty when silver keeps it. */
        Optional<String> impossibleDateReason(String value);

        /** Silver's reason for {@code value} (text, a negative number) in the number column; empty when kept. */
        Optional<String> numberReason(String value);

        /** What silver does with the second of two identical records. */
        Duplicates duplicates();

        /** The message of a header that lacks a required column: the drop's file {@code file} lacks {@code column}. */
        String missingColumnMessage(Path file, String column);

        /** The exit code and message when {@code --from} does not exist. */
        int missingPathExitCode();

        String missingPathMessage(Path path);
    }

    /** Silver's treatment of an exact duplicate record. */
    protected enum Duplicates {
        /** Both are rows of silver (a log without a key). */
        KEPT,
        /** The newer delivery of the key wins; the other is superseded (counted, neither written nor quarantined). */
        SUPERSEDED,
        /** The copy goes to silver's quarantine. */
        QUARANTINED
    }

    protected abstract FileSource source();

    /** What a family's file should give. */
    private record Expected(
            String family,
            long rowsIn,
            long bronze,
            List<String> bronzeReasons,
            List<String> silverReasons,
            long superseded,
            long silverKept) {}

    @Test
    void everyFamilyOfRecordDamageIsLoadedOrQuarantinedWithItsReasonAndEveryRowIsAccountedFor() throws IOException {
        FileSource source = source();
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path lakeDir = dir.resolve("lake");
        source.prepare(drop);
        List<Expected> expected = writeCorpus(source, drop);

        CliResult first = source.ingest(drop, lakeDir);
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();

        Lakehouse lake = TestSpark.freshLake(lakeDir);
        Map<String, Long> bronzeBySource = countBySource(lake, source.bronze(), "_source");
        Map<String, List<String>> bronzeReasons =
                reasonsBySource(lake, source.bronze().quarantine());
        Map<String, List<String>> silverReasons =
                reasonsBySource(lake, source.silver().quarantine());
        long silverKept = 0;
        long bronzeTotal = 0;
        long silverQuarantined = 0;
        long superseded = 0;
        for (Expected e : expected) {
            String file =
                    drop.resolve(source.fileName(e.family())).toAbsolutePath().toString();
            long bronze = bronzeBySource.getOrDefault(file, 0L);
            List<String> quarantined = bronzeReasons.getOrDefault(file, List.of());
            assertThat(bronze).as(e.family() + ": bronze rows").isEqualTo(e.bronze());
            assertThat(quarantined)
                    .as(e.family() + ": bronze quarantine reasons")
                    .isEqualTo(e.bronzeReasons());
            assertThat(bronze + quarantined.size()).as(e.family() + ": rows in").isEqualTo(e.rowsIn());
            assertThat(silverReasons.getOrDefault(file, List.of()))
                    .as(e.family() + ": silver quarantine reasons")
                    .isEqualTo(e.silverReasons());
            silverKept += e.silverKept();
            bronzeTotal += bronze;
            silverQuarantined += e.silverReasons().size();
            superseded += e.superseded();
        }
        // Silver reconciles with bronze: every bronze row of the corpus is in silver, its quarantine, or superseded.
        long silverRows = lake.read(source.silver()).count() - preparedSilverRows(lake, source);
        assertThat(silverRows).isEqualTo(silverKept);
        assertThat(silverRows + silverQuarantined + superseded).isEqualTo(bronzeTotal);

        // Line endings and the byte-order mark never reach a value or a column name.
        assertThat(lake.read(source.bronze()).columns()).noneMatch(c -> c.startsWith("\uFEFF"));
        assertThat(lake.read(source.bronze())
                        .where(org.apache
                                .spark
                                .sql
                                .functions
                                .concat_ws(
                                        "|",
                                        source.header().stream()
                                                .map(org.apache.spark.sql.functions::col)
                                                .toArray(org.apache.spark.sql.Column[]::new))
                                .contains("\r"))
                        .count())
                .isZero();
        // The 1 MB value arrives whole.
        assertThat(lake.read(source.bronze())
                        .where(org.apache
                                .spark
                                .sql
                                .functions
                                .length(org.apache.spark.sql.functions.col(
                                        source.header().get(source.textColumn())))
                                .equalTo(LONG_VALUE_BYTES))
                        .count())
                .isEqualTo(1);

        // A re-run loads nothing twice and leaves the same tables.
        long bronzeBefore = lake.read(source.bronze()).count();
        long silverBefore = lake.read(source.silver()).count();
        CliResult again = source.ingest(drop, lakeDir);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(lake.read(source.bronze()).count()).isEqualTo(bronzeBefore);
        assertThat(lake.read(source.silver()).count()).isEqualTo(silverBefore);
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsInOneLineAndWritesNothingOfThatFile() throws IOException {
        FileSource source = source();
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path lakeDir = dir.resolve("lake");
        source.prepare(drop);
        List<String> header = new ArrayList<>(source.header());
        String dropped = header.remove(source.dateColumn());
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (int id = 1; id <= CLEAN; id++) {
            List<String> record = new ArrayList<>(source.record(id));
            record.remove(source.dateColumn());
            text.append(String.join(",", record)).append('\n');
        }
        Path file = drop.resolve(source.fileName("no-date-column"));
        Files.writeString(file, text.toString());

        CliResult result = source.ingest(drop, lakeDir);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: " + source.missingColumnMessage(file.toAbsolutePath(), dropped) + "\n");
        Lakehouse lake = TestSpark.freshLake(lakeDir);
        assertThat(countBySource(lake, source.bronze(), "_source"))
                .doesNotContainKey(file.toAbsolutePath().toString());
        assertThat(lake.read(io.shoplake.lakehouse.RunLedger.RUNS)
                        .where("status = 'FAILED'")
                        .select("error")
                        .collectAsList())
                .extracting(r -> r.getString(0))
                .contains(source.missingColumnMessage(file.toAbsolutePath(), dropped));
    }

    @Test
    void aPathThatDoesNotExistIsReportedInOneLine() {
        FileSource source = source();
        Path missing = dir.resolve("no-such-drop");
        CliResult result = source.ingest(missing, dir.resolve("lake"));
        assertThat(result.exitCode()).isEqualTo(source.missingPathExitCode());
        assertThat(result.err()).isEqualTo("error: " + source.missingPathMessage(missing) + "\n");
    }

    /** Rows of silver that the prepared (non-corpus) files put there. */
    protected long preparedSilverRows(Lakehouse lake, FileSource source) {
        return 0;
    }

    private List<Expected> writeCorpus(FileSource source, Path drop) throws IOException {
        List<Expected> expected = new ArrayList<>();
        int[] nextId = {100};
        int width = source.header().size();
        String headerLine = String.join(",", source.header());

        // Line endings and the byte-order mark: the same rows whatever the file's conventions.
        expected.add(
                write(drop, source, "lf", headerLine, clean(source, nextId), "\n", "", true, List.of(), List.of()));
        expected.add(
                write(drop, source, "crlf", headerLine, clean(source, nextId), "\r\n", "", true, List.of(), List.of()));
        expected.add(write(
                drop, source, "bom", headerLine, clean(source, nextId), "\r\n", "\uFEFF", true, List.of(), List.of()));
        expected.add(write(
                drop,
                source,
                "no-final-newline",
                headerLine,
                clean(source, nextId),
                "\n",
                "",
                false,
                List.of(),
                List.of()));

        // An empty file and a header alone load nothing and are recorded as loaded.
        Files.write(drop.resolve(source.fileName("empty")), new byte[0]);
        expected.add(new Expected("empty", 0, 0, List.of(), List.of(), 0, 0));
        Files.writeString(drop.resolve(source.fileName("header-only")), headerLine + "\r\n");
        expected.add(new Expected("header-only", 0, 0, List.of(), List.of(), 0, 0));

        // Broken quoting: the bad line is quarantined, parsing resumes at the next line.
        List<String> broken = new ArrayList<>(source.record(nextId[0]++));
        broken.set(source.textColumn(), "\"unterminated");
        expected.add(withBadLine(
                drop,
                source,
                "broken-quoting",
                headerLine,
                nextId,
                String.join(",", broken),
                "broken quoting: unterminated quote in field " + (source.textColumn() + 1)));

        // Invalid UTF-8: the line is quarantined with the byte offset of the bad byte in the file.
        List<String> before = clean(source, nextId);
        List<String> bad = new ArrayList<>(source.record(nextId[0]++));
        bad.set(source.textColumn(), "caf\u0000");
        String badLine = String.join(",", bad);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : before) {
            bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        int zero = badLine.indexOf('\u0000');
        long offset = bytes.size() + badLine.substring(0, zero).getBytes(StandardCharsets.UTF_8).length;
        byte[] badBytes = badLine.getBytes(StandardCharsets.UTF_8);
        badBytes[(int) (offset - bytes.size())] = (byte) 0xC3;
        bytes.writeBytes(badBytes); // 0xC3 then ',' (or the newline): a lead byte without its continuation
        bytes.write('\n');
        Files.write(drop.resolve(source.fileName("invalid-utf8")), bytes.toByteArray());
        expected.add(new Expected(
                "invalid-utf8",
                CLEAN + 1,
                CLEAN,
                List.of("invalid UTF-8 at byte offset " + offset),
                List.of(),
                0,
                CLEAN));

        // Extra and missing fields in a record; an extra column in the header.
        List<String> extra = new ArrayList<>(source.record(nextId[0]++));
        extra.add("surplus");
        expected.add(withBadLine(
                drop,
                source,
                "extra-field",
                headerLine,
                nextId,
                String.join(",", extra),
                "expected " + width + " fields, found " + (width + 1)));
        List<String> shorter = new ArrayList<>(source.record(nextId[0]++));
        shorter.remove(shorter.size() - 1);
        expected.add(withBadLine(
                drop,
                source,
                "missing-field",
                headerLine,
                nextId,
                String.join(",", shorter),
                "expected " + width + " fields, found " + (width - 1)));
        List<String> withNote = new ArrayList<>();
        for (String line : clean(source, nextId)) {
            withNote.add(line + ",a note");
        }
        expected.add(write(
                drop, source, "extra-column", headerLine + ",note", withNote, "\n", "", true, List.of(), List.of()));

        // A 1 MB line loads whole.
        List<String> lines = clean(source, nextId);
        List<String> longRecord = new ArrayList<>(source.record(nextId[0]++));
        longRecord.set(source.textColumn(), "x".repeat(LONG_VALUE_BYTES));
        lines.add(String.join(",", longRecord));
        expected.add(write(drop, source, "long-line", headerLine, lines, "\n", "", true, List.of(), List.of()));

        // Values silver judges: an impossible date, text and a negative number where a number belongs.
        expected.add(badValue(
                drop,
                source,
                "impossible-date",
                headerLine,
                nextId,
                source.dateColumn(),
                source.impossibleDate(),
                source.impossibleDateReason(source.impossibleDate())));
        expected.add(badValue(
                drop,
                source,
                "non-numeric",
                headerLine,
                nextId,
                source.numberColumn(),
                "two",
                source.numberReason("two")));
        expected.add(badValue(
                drop, source, "negative", headerLine, nextId, source.numberColumn(), "-5", source.numberReason("-5")));

        // An exact duplicate record.
        List<String> dup = clean(source, nextId);
        dup.add(dup.get(0));
        Duplicates duplicates = source.duplicates();
        Path dupFile = drop.resolve(source.fileName("duplicates"));
        Files.writeString(dupFile, headerLine + "\n" + String.join("\n", dup) + "\n");
        expected.add(new Expected(
                "duplicates",
                CLEAN + 1,
                CLEAN + 1,
                List.of(),
                duplicates == Duplicates.QUARANTINED ? List.of(duplicateReason()) : List.of(),
                duplicates == Duplicates.SUPERSEDED ? 1 : 0,
                duplicates == Duplicates.KEPT ? CLEAN + 1 : CLEAN));
        return expected;
    }

    /** Silver's reason for the second copy of an event; only sources whose duplicates are quarantined need it. */
    protected String duplicateReason() {
        throw new UnsupportedOperationException("this source does not quarantine duplicates");
    }

    private static List<String> clean(FileSource source, int[] nextId) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CLEAN; i++) {
            lines.add(String.join(",", source.record(nextId[0]++)));
        }
        return lines;
    }

    private static Expected write(
            Path drop,
            FileSource source,
            String family,
            String header,
            List<String> lines,
            String newline,
            String bom,
            boolean finalNewline,
            List<String> bronzeReasons,
            List<String> silverReasons)
            throws IOException {
        String text = bom + header + newline + String.join(newline, lines) + (finalNewline ? newline : "");
        Files.writeString(drop.resolve(source.fileName(family)), text);
        long quarantined = bronzeReasons.size();
        long bronze = lines.size() - quarantined;
        return new Expected(
                family, lines.size(), bronze, bronzeReasons, silverReasons, 0, bronze - silverReasons.size());
    }

    /** Clean records around one bad line, which the parser quarantines with {@code reason}. */
    private static Expected withBadLine(
            Path drop, FileSource source, String family, String header, int[] nextId, String badLine, String reason)
            throws IOException {
        List<String> lines = clean(source, nextId);
        lines.add(1, badLine);
        Files.writeString(drop.resolve(source.fileName(family)), header + "\n" + String.join("\n", lines) + "\n");
        return new Expected(family, lines.size(), lines.size() - 1, List.of(reason), List.of(), 0, lines.size() - 1);
    }

    private static Expected badValue(
            Path drop,
            FileSource source,
            String family,
            String header,
            int[] nextId,
            int column,
            String value,
            Optional<String> reason)
            throws IOException {
        List<String> lines = clean(source, nextId);
        List<String> bad = new ArrayList<>(source.record(nextId[0]++));
        bad.set(column, value);
        lines.add(String.join(",", bad));
        Files.writeString(drop.resolve(source.fileName(family)), header + "\n" + String.join("\n", lines) + "\n");
        return new Expected(
                family,
                lines.size(),
                lines.size(),
                List.of(),
                reason.map(List::of).orElse(List.of()),
                0,
                lines.size() - (reason.isPresent() ? 1 : 0));
    }

    private static Map<String, Long> countBySource(Lakehouse lake, TableId table, String column) {
        Map<String, Long> counts = new HashMap<>();
        if (!lake.exists(table)) {
            return counts;
        }
        for (Row row : lake.read(table).groupBy(column).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    /** Quarantine reasons per source file, in line order. */
    private static Map<String, List<String>> reasonsBySource(Lakehouse lake, TableId table) {
        Map<String, List<String>> reasons = new TreeMap<>();
        if (!lake.exists(table)) {
            return reasons;
        }
        for (Row row : lake.read(table)
                .orderBy("source", "line")
                .select("source", "reason")
                .collectAsList()) {
            reasons.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row.getString(1));
        }
        return reasons;
    }
}
