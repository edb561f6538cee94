package io.shoplake.sources.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.FileLedger;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.TableId;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngestTest {

    @TempDir
    Path dir;

    private static final TableId SALES = TableId.bronze("sales");

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path folder = dir.resolve("in");
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), bytes);
    }

    private static Map<String, FileIngestResult> byName(List<FileIngestResult> results) {
        return results.stream()
                .collect(Collectors.toMap(r -> r.path().getFileName().toString(), r -> r));
    }

    @Test
    void aFolderIngestedTwiceLoadsEachFileOnce() throws IOException {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        write("a.csv", "id,amount\n1,2.50\n2,3.00\n");
        write("b.csv", "ID,Amount,Note\r\n3,4,\"x, y\"\r\n");
        write("copy-of-a.csv", "id,amount\n1,2.50\n2,3.00\n");
        FileIngest ingest = new FileIngest(lake);

        String run1 = RunLedger.newRunId();
        List<FileIngestResult> first =
                ingest.ingest(FileIngestRequest.of(dir.resolve("in"), SALES, FileFormat.CSV, run1, "test"));
        assertThat(first)
                .extracting(r -> r.path().getFileName() + ":" + r.status() + ":" + r.rows())
                .containsExactly("a.csv:LOADED:2", "b.csv:LOADED:1", "copy-of-a.csv:ALREADY_LOADED:0");
        long snapshot = lake.snapshotId(SALES).getAsLong();

        List<FileIngestResult> second = ingest.ingest(
                FileIngestRequest.of(dir.resolve("in"), SALES, FileFormat.CSV, RunLedger.newRunId(), "test"));
        assertThat(second).extracting(FileIngestResult::status).containsOnly(FileStatus.ALREADY_LOADED);
        assertThat(lake.snapshotId(SALES).getAsLong()).isEqualTo(snapshot);

        List<String> rows = lake.read(SALES).orderBy("id").collectAsList().stream()
                .map(r -> r.getAs("id") + "|" + r.getAs("amount") + "|" + r.getAs("note") + "|" + r.getAs("_line") + "|"
                        + Path.of(r.<String>getAs("_source")).getFileName() + "|" + r.getAs("_run_id"))
                .toList();
        assertThat(rows)
                .containsExactly(
                        "1|2.50|null|2|a.csv|" + run1, "2|3.00|null|3|a.csv|" + run1, "3|4|x, y|2|b.csv|" + run1);
        assertThat(lake.read(SALES).columns())
                .containsExactly("id", "amount", "_source", "_line", "_run_id", "_ingested_at", "note");
        assertThat(lake.read(SALES).schema().apply("_ingested_at").dataType().typeName())
                .isEqualTo("timestamp");

        List<Row> ledger = lake.read(FileLedger.FILES).orderBy("path").collectAsList();
        assertThat(ledger)
                .extracting(r -> Path.of(r.<String>getAs("path")).getFileName() + ":" + r.getAs("rows_loaded"))
                .containsExactly("a.csv:2", "b.csv:1");
        assertThat(ledger.get(0).<String>getAs("sha256"))
                .isEqualTo(sha256("id,amount\n1,2.50\n2,3.00\n".getBytes(StandardCharsets.UTF_8)));

        List<Row> steps = new RunLedger(lake).history().orderBy("step").collectAsList();
        assertThat(steps)
                .extracting(r -> r.getAs("step") + ":" + r.getAs("status") + ":" + r.getAs("rows_in") + "/"
                        + r.getAs("rows_out") + "/" + r.getAs("rows_quarantined"))
                .containsExactly(
                        "load bronze.sales from a.csv:SUCCEEDED:2/2/0", "load bronze.sales from b.csv:SUCCEEDED:1/1/0");
    }

    @Test
    void everyRecordOfABadCorpusIsInBronzeOrQuarantineWithItsReason() throws IOException {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        // 3 data records, all fine in bronze: text in a numeric column and an impossible date are silver's business
        write("01-good.csv", "order_id,quantity,order_date\n1,2,2017-01-05\n2,two,2017-02-30\n3,4,2017-03-01\n");
        // wrong delimiter: unusable as a whole
        write("02-semicolon.csv", "order_id;quantity;order_date\n1;2;2017-01-05\n");
        // header lacks a required column: unusable as a whole
        write("03-no-date.csv", "order_id,quantity\n1,2\n");
        // 5 records: good (line 2), an unterminated quote (line 3; resync at 4), a wrong count (line 4), good (lines 5
        // and 7); a blank line 6
        write(
                "04-broken-quotes.csv",
                "order_id,quantity,order_date\n5,1,2017-01-01\n6,\"1,2017-01-02\n7,1\n8,1,2017-01-03\n\n9,1,2017-01-04\n");
        // 3 records, the second with a Latin-1 byte (0xE9) at byte offset 29 (header) + 16 (line 2) + 8 ("11,1,caf") =
        // 53
        byte[] latin1 = "order_id,quantity,order_date\n10,1,2017-01-05\n11,1,caf\u00e9\n12,1,2017-01-06\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        write("05-latin1.csv", latin1);
        write("06-empty.csv", new byte[0]);
        write("07-header-only.csv", "order_id,quantity,order_date\r\n");

        // 20-byte chunks: each file is parsed by several tasks, which must give the same records as one.
        List<FileIngestResult> results = new FileIngest(lake, 20)
                .ingest(FileIngestRequest.of(
                                dir.resolve("in"),
                                TableId.bronze("orders"),
                                FileFormat.CSV,
                                RunLedger.newRunId(),
                                "test")
                        .withRequiredColumns(List.of("order_id", "quantity", "order_date")));
        Map<String, FileIngestResult> byName = byName(results);

        assertThat(results)
                .extracting(r -> r.path().getFileName() + ":" + r.status() + ":" + r.rowsIn() + "/" + r.rows() + "/"
                        + r.quarantined() + "/" + r.blankLines())
                .containsExactly(
                        "01-good.csv:LOADED:3/3/0/0",
                        "02-semicolon.csv:UNUSABLE:0/0/0/0",
                        "03-no-date.csv:UNUSABLE:0/0/0/0",
                        "04-broken-quotes.csv:LOADED:5/3/2/1",
                        "05-latin1.csv:LOADED:3/2/1/0",
                        "06-empty.csv:LOADED:0/0/0/0",
                        "07-header-only.csv:LOADED:0/0/0/0");
        assertThat(byName.get("02-semicolon.csv").message())
                .hasValue(
                        dir.resolve("in/02-semicolon.csv")
                                + ": header has 1 column ('order_id;quantity;order_date'); the delimiter looks like ';', expected ','");
        assertThat(byName.get("03-no-date.csv").message())
                .hasValue(dir.resolve("in/03-no-date.csv") + ": header lacks required column: order_date");

        assertThat(lake.read(TableId.bronze("orders"))
                        .orderBy("_source", "_line")
                        .collectAsList())
                .extracting(r -> r.getAs("order_id") + "|" + r.getAs("quantity") + "|" + r.getAs("order_date") + "@"
                        + r.getAs("_line"))
                .containsExactly(
                        "1|2|2017-01-05@2",
                        "2|two|2017-02-30@3",
                        "3|4|2017-03-01@4",
                        "5|1|2017-01-01@2",
                        "8|1|2017-01-03@5",
                        "9|1|2017-01-04@7",
                        "10|1|2017-01-05@2",
                        "12|1|2017-01-06@4");
        assertThat(new Quarantine(lake)
                        .of(TableId.bronze("orders"))
                        .orderBy("source", "line")
                        .collectAsList())
                .extracting(r -> Path.of(r.<String>getAs("source")).getFileName() + "@" + r.getAs("line") + " ["
                        + r.getAs("raw_record") + "] " + r.getAs("reason"))
                .containsExactly(
                        "04-broken-quotes.csv@3 [6,\"1,2017-01-02] broken quoting: unterminated quote in field 2",
                        "04-broken-quotes.csv@4 [7,1] expected 3 fields, found 2",
                        "05-latin1.csv@3 [11,1,caf\uFFFD] invalid UTF-8 at byte offset 53");
        // Unusable files are not in the ledger (fixing them loads them), their failure is in ops.runs.
        assertThat(lake.read(FileLedger.FILES).count()).isEqualTo(5);
        assertThat(new RunLedger(lake).history().where("status = 'FAILED'").collectAsList())
                .extracting(r -> r.<String>getAs("step"))
                .containsExactlyInAnyOrder(
                        "load bronze.orders from 02-semicolon.csv", "load bronze.orders from 03-no-date.csv");
    }

    @Test
    void aFileWithMoreRejectsThanTheCountingPassKeepsQuarantinesEveryOne() throws IOException {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        // Lines 2..10002 have a field too many (10,001 rejects: one more than the counting pass keeps), then one good
        // record on line 10003.
        StringBuilder text = new StringBuilder("id,amount\n");
        for (int i = 0; i < 10_001; i++) {
            text.append(i).append(",1,extra\n");
        }
        text.append("7,8\n");
        Path file = write("many-bad.csv", text.toString());

        List<FileIngestResult> result =
                new FileIngest(lake).ingest(FileIngestRequest.of(file, SALES, FileFormat.CSV, "run-1", "test"));

        assertThat(result)
                .extracting(r -> r.status() + ":" + r.rows() + "/" + r.quarantined())
                .containsExactly("LOADED:1/10001");
        Row lines = lake.read(SALES.quarantine())
                .selectExpr("min(line)", "max(line)", "count(DISTINCT line)", "min(raw_record)")
                .first();
        assertThat(lines.getLong(0)).isEqualTo(2);
        assertThat(lines.getLong(1)).isEqualTo(10_002);
        assertThat(lines.getLong(2)).isEqualTo(10_001);
        assertThat(lines.getString(3)).isEqualTo("0,1,extra");
        assertThat(lake.read(SALES).select("_line").first().getLong(0)).isEqualTo(10_003);
    }

    @Test
    void jsonLinesAndHeaderlessWhitespaceText() throws IOException {
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        Path events = write(
                "events.jsonl",
                "{\"user_id\":1,\"event\":\"open\",\"ctx\":{\"a\":[1,2]}}\n"
                        + "not json\n{\"event\":\"close\",\"user_id\":2,\"extra\":null}\n");
        List<FileIngestResult> json = new FileIngest(lake)
                .ingest(FileIngestRequest.of(
                        events, TableId.bronze("events"), FileFormat.JSON_LINES, RunLedger.newRunId(), "test"));
        assertThat(json)
                .extracting(r -> r.status() + ":" + r.rows() + "/" + r.quarantined())
                .containsExactly("LOADED:2/1");
        assertThat(lake.read(TableId.bronze("events")).columns())
                .containsExactly("user_id", "event", "ctx", "extra", "_source", "_line", "_run_id", "_ingested_at");
        assertThat(lake.read(TableId.bronze("events")).orderBy("_line").collectAsList())
                .extracting(r ->
                        r.getAs("user_id") + "|" + r.getAs("event") + "|" + r.getAs("ctx") + "|" + r.getAs("extra"))
                .containsExactly("1|open|{\"a\":[1,2]}|null", "2|close|null|null");

        Path purchases = write("purchases.txt", "00001 19970101 1 11.77\n00002  19970112\t1 12.00\n00003 19970102 2\n");
        List<FileIngestResult> text = new FileIngest(lake)
                .ingest(FileIngestRequest.of(
                                purchases,
                                TableId.bronze("purchases"),
                                FileFormat.WHITESPACE,
                                RunLedger.newRunId(),
                                "test")
                        .withColumnNames(FileIngestRequest.positionalNames(4)));
        assertThat(text)
                .extracting(r -> r.status() + ":" + r.rows() + "/" + r.quarantined())
                .containsExactly("LOADED:2/1");
        assertThat(lake.read(TableId.bronze("purchases")).orderBy("_line").collectAsList())
                .extracting(r -> r.getAs("c1") + "|" + r.getAs("c2") + "|" + r.getAs("c3") + "|" + r.getAs("c4") + "@"
                        + r.getAs("_line"))
                .containsExactly("00001|19970101|1|11.77@1", "00002|19970112|1|12.00@2");
    }

    @Test
    void theCdnowPurchaseLogLoadsInParallelChunksWithEveryLine() throws IOException {
        Path log = SharedData.require("cdnow/CDNOW_master.txt");
        Lakehouse lake = TestSpark.freshLake(dir.resolve("lake"));
        TableId table = TableId.bronze("cdnow_purchases");
        // 256 KB chunks: the 1.9 MB log is parsed by 8 tasks.
        List<FileIngestResult> results = new FileIngest(lake, 256 * 1024)
                .ingest(FileIngestRequest.of(log, table, FileFormat.WHITESPACE, RunLedger.newRunId(), "test"));

        // Independent figures straight from the file's lines.
        List<String> physical = Files.readAllLines(log, StandardCharsets.US_ASCII);
        List<String> records =
                physical.stream().skip(1).filter(l -> !l.isBlank()).toList(); // line 1: the header
        java.math.BigDecimal amount = records.stream()
                .map(l -> new java.math.BigDecimal(l.trim().split("\\s+")[3]))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        assertThat(results)
                .extracting(r -> r.status() + ":" + r.rowsIn() + "/" + r.rows() + "/" + r.quarantined())
                .containsExactly("LOADED:" + records.size() + "/" + records.size() + "/0");
        assertThat(lake.read(table).columns()).startsWith("customer_id", "date", "number_of_cds", "dollar_value");
        Row totals = lake.sql(
                        "SELECT count(*), sum(cast(dollar_value AS decimal(18,2))), count(DISTINCT _line), max(_line) FROM "
                                + lake.sqlName(table))
                .first();
        assertThat(totals.getLong(0)).isEqualTo(records.size());
        assertThat(totals.getDecimal(1)).isEqualByComparingTo(amount);
        assertThat(totals.getLong(2)).isEqualTo(records.size());
        assertThat(totals.getLong(3)).isEqualTo(physical.size());
        Row line40000 = lake.sql("SELECT customer_id, date, number_of_cds, dollar_value FROM " + lake.sqlName(table)
                        + " WHERE _line = 40000")
                .first();
        assertThat(String.join(
                        " ",
                        line40000.getString(0),
                        line40000.getString(1),
                        line40000.getString(2),
                        line40000.getString(3)))
                .isEqualTo(String.join(" ", physical.get(39999).trim().split("\\s+")));
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Arrays.asList(Files.readString(file).split("\n"));
    }
}
