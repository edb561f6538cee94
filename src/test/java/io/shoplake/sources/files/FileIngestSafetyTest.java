package io.shoplake.sources.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mistake or a crash cannot poison the lake: the bronze commit and the file's ledger entry are one step. */
class FileIngestSafetyTest {

    private static final TableId TABLE = TableId.bronze("sales");

    @TempDir
    Path dir;

    @Test
    void aCrashBetweenTheBronzeCommitAndTheLedgerNeverLoadsTheFileTwice() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path file = Files.writeString(dir.resolve("sales.csv"), "id,amount\n1,2\n2,oops,extra\n3,4\n");
        FileIngest crashing = new FileIngest(lake);
        crashing.failAfterBronzeCommit(() -> {
            throw new IllegalStateException("killed");
        });
        assertThatThrownBy(() -> crashing.ingest(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-1", "t")))
                .hasMessage("killed");
        assertThat(lake.read(TABLE).count()).isEqualTo(2);
        assertThat(lake.exists(FileLedger.FILES)).isFalse();

        List<FileIngestResult> again =
                new FileIngest(lake).ingest(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-2", "t"));

        assertThat(again).extracting(FileIngestResult::status).containsExactly(FileStatus.ALREADY_LOADED);
        assertThat(lake.read(TABLE).count()).isEqualTo(2);
        assertThat(lake.read(TABLE.quarantine()).count()).isEqualTo(1);
        // The ledger row is repaired from the commit: the run that wrote the rows, and their counts.
        Row ledger = lake.read(FileLedger.FILES)
                .select("run_id", "rows_loaded", "rows_quarantined")
                .first();
        assertThat(ledger.getString(0)).isEqualTo("run-1");
        assertThat(ledger.getLong(1)).isEqualTo(2);
        assertThat(ledger.getLong(2)).isEqualTo(1);
        assertThat(new RunLedger(lake)
                        .history()
                        .where("status = 'FAILED'")
                        .select("error")
                        .first()
                        .getString(0))
                .isEqualTo("killed");
    }

    @Test
    void rejectsOfAnAttemptThatDiedBeforeItsBronzeCommitAreNotQuarantinedTwice() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path file = Files.writeString(dir.resolve("sales.csv"), "id,amount\n1,2\n2\n");
        FileIngest ingest = new FileIngest(lake);
        // An attempt that wrote its rejects, marked with the file's hash, then died.
        String sha = SparkFileParse.fingerprints(
                        lake.spark(), List.of(file.toUri().toString()))
                .get(0)
                .sha256();
        LoadMarkers.writeMarked(
                sha,
                file.toAbsolutePath().toString(),
                "dead-run",
                () -> new io.shoplake.lakehouse.Quarantine(lake)
                        .append(
                                TABLE,
                                io.shoplake.lakehouse.Quarantine.records(
                                        lake.spark()
                                                .sql(
                                                        "SELECT 3 AS line, '2' AS raw, 'expected 2 fields, found 1' AS reason"),
                                        org.apache.spark.sql.functions.lit(
                                                file.toAbsolutePath().toString()),
                                        org.apache.spark.sql.functions.col("line"),
                                        org.apache.spark.sql.functions.col("raw"),
                                        org.apache.spark.sql.functions.col("reason"),
                                        "dead-run")));

        ingest.ingest(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-2", "t"));

        assertThat(lake.read(TABLE.quarantine()).select("run_id").collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("run-2");
        assertThat(lake.read(TABLE).count()).isEqualTo(1);
    }

    @Test
    void reloadReplacesAFilesEarlierLoadWhateverItsContentWas() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path file = Files.writeString(dir.resolve("sales.csv"), "id,amount\n1,2\n2\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "id,amount\n9,9\n");
        FileIngest ingest = new FileIngest(lake);
        ingest.ingest(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-1", "t"));
        ingest.ingest(FileIngestRequest.of(other, TABLE, FileFormat.CSV, "run-1", "t"));
        Files.writeString(file, "id,amount\n1,2\n2,3\n3,4\n");

        List<FileIngestResult> reloaded =
                ingest.reload(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-2", "t"));

        assertThat(reloaded).extracting(FileIngestResult::status).containsExactly(FileStatus.LOADED);
        assertThat(lake.read(TABLE).orderBy("id").select("id", "_run_id").collectAsList())
                .extracting(r -> r.getString(0) + "@" + r.getString(1))
                .containsExactly("1@run-2", "2@run-2", "3@run-2", "9@run-1");
        assertThat(lake.read(TABLE.quarantine()).count()).isZero();
        assertThat(lake.read(FileLedger.FILES).select("path").collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder(
                        file.toAbsolutePath().toString(), other.toAbsolutePath().toString());
        // Reloading the same content again replaces it again, and a plain ingest then finds it loaded.
        ingest.reload(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-3", "t"));
        assertThat(lake.read(TABLE).count()).isEqualTo(4);
        assertThat(ingest.ingest(FileIngestRequest.of(file, TABLE, FileFormat.CSV, "run-4", "t")))
                .extracting(FileIngestResult::status)
                .containsExactly(FileStatus.ALREADY_LOADED);
    }

    @Test
    void aHeaderOfNumbersMakesTheFileUnusableWithAHintAndWritesNothing() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path file = Files.writeString(dir.resolve("log.txt"), "00001 19970101 1 11.77\n00002 19970112 1 12.00\n");

        List<FileIngestResult> results =
                new FileIngest(lake).ingest(FileIngestRequest.of(file, TABLE, FileFormat.WHITESPACE, "run-1", "t"));

        assertThat(results.get(0).status()).isEqualTo(FileStatus.UNUSABLE);
        assertThat(results.get(0).message())
                .contains(file.toAbsolutePath() + ": header line has only numbers (00001, 19970101, 1, 11.77): "
                        + "the file looks headerless");
        assertThat(lake.exists(TABLE)).isFalse();
        assertThat(lake.exists(FileLedger.FILES)).isFalse();
    }

    @Test
    void aDanglingLinkInAFolderIsReportedNotSkipped() throws Exception {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.writeString(drop.resolve("a.csv"), "id\n1\n");
        Files.createSymbolicLink(drop.resolve("b.csv"), drop.resolve("gone.csv"));

        List<FileIngestResult> results =
                new FileIngest(lake).ingest(FileIngestRequest.of(drop, TABLE, FileFormat.CSV, "run-1", "t"));

        assertThat(results)
                .extracting(r -> r.path().getFileName() + " " + r.status() + " "
                        + r.message().orElse(""))
                .containsExactly(
                        "a.csv LOADED ",
                        "b.csv UNUSABLE " + drop.resolve("b.csv").toAbsolutePath()
                                + ": a symbolic link to a file that does not exist");
    }
}
