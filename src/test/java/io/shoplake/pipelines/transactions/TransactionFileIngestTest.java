package io.shoplake.pipelines.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingest transactions through the file ingest: bronze once per file, silver typed with reasons for the rejects. */
class TransactionFileIngestTest {

    @TempDir
    Path directory;

    @Test
    void aFileLoadsOnceAndReingestingLeavesTheSameTables() throws Exception {
        Lakehouse lake = TestSpark.freshLake(directory.resolve("lake"));
        Path file = directory.resolve("log.txt");
        // No header; columns: store, customer, date, amount. Line 4 has a bad date, line 5 one field too few.
        Files.writeString(file, """
                s1 c1 20240105 10.50
                s1 c2 20240106 3

                s2 c1 20240230 7.00
                s2 c3 20240107
                s2 c3 20240108 -1.25
                """);
        TransactionFileFormat format = TransactionFileFormat.headerless(FileFormat.WHITESPACE, 2, 3, 4, "yyyyMMdd", 0);

        TransactionFileIngest.Report first = TransactionFileIngest.load(lake, file, format, "run-1");

        assertThat(first.filesLoaded()).isEqualTo(1);
        assertThat(first.bronzeRows()).isEqualTo(4);
        assertThat(first.bronzeQuarantined()).isEqualTo(1);
        assertThat(first.blankLines()).isEqualTo(1);
        assertThat(first.loaded()).isEqualTo(2);
        assertThat(first.quarantined()).isEqualTo(2);
        List<String> silver = silver(lake);
        assertThat(silver).containsExactly("c1 2024-01-05 10.50", "c2 2024-01-06 3.00");
        assertThat(reasons(lake))
                .containsExactly(
                        "4 date: not a valid date (yyyyMMdd): 20240230", "6 amount: must be at least 0, was: -1.25");
        assertThat(new Quarantine(lake)
                        .of(TransactionFileIngest.BRONZE)
                        .select("line")
                        .first()
                        .getLong(0))
                .isEqualTo(5);

        TransactionFileIngest.Report again = TransactionFileIngest.load(lake, file, format, "run-2");

        assertThat(again.filesLoaded()).isZero();
        assertThat(again.filesAlreadyLoaded()).isEqualTo(1);
        assertThat(again.bronzeRows()).isZero();
        assertThat(lake.read(TransactionFileIngest.BRONZE).count()).isEqualTo(4);
        assertThat(new Quarantine(lake).of(TransactionFileIngest.BRONZE).count())
                .isEqualTo(1);
        assertThat(silver(lake)).isEqualTo(silver);
        assertThat(reasons(lake)).hasSize(2);
    }

    @Test
    void csvColumnsByHeaderNameOrPosition() throws Exception {
        Lakehouse lake = TestSpark.freshLake(directory.resolve("lake"));
        Path file = directory.resolve("tx.csv");
        Files.writeString(file, """
                Customer,Day,Total
                "a, inc",2024-01-05,10
                ,2024-01-06,5.00
                b,2024-01-07,x1
                """);
        TransactionFileFormat format =
                new TransactionFileFormat(FileFormat.CSV, true, "customer", "2", "3", "yyyy-MM-dd", 0);

        TransactionFileIngest.Report report = TransactionFileIngest.load(lake, file, format, "run-1");

        assertThat(report.loaded()).isEqualTo(1);
        assertThat(silver(lake)).containsExactly("a, inc 2024-01-05 10.00");
        assertThat(reasons(lake)).containsExactly("3 customer_id: is missing", "4 amount: not a valid decimal: x1");
        assertThatThrownBy(() -> TransactionFileIngest.load(
                        lake,
                        file,
                        new TransactionFileFormat(FileFormat.CSV, true, "customer", "day", "7", "yyyy-MM-dd", 0),
                        "run-2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("column position must be at most 3 (the columns of bronze.transactions: customer, day, "
                        + "total), was: 7");
    }

    private static List<String> silver(Lakehouse lake) {
        return lake.read(TransactionFileIngest.TRANSACTIONS).orderBy("customer_id", "date").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getDate(1) + " " + r.getDecimal(2))
                .toList();
    }

    private static List<String> reasons(Lakehouse lake) {
        return new Quarantine(lake)
                .of(TransactionFileIngest.TRANSACTIONS).orderBy("line").collectAsList().stream()
                        .map((Row r) -> r.getLong(r.fieldIndex("line")) + " " + r.getString(r.fieldIndex("reason")))
                        .toList();
    }
}
