package io.shoplake.pipelines.customers360;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.TestSpark;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hand-built customer records: each invariant fails exactly once, each untypable record has its reason. */
class Customers360SilverTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 1);
    private static final String T = "{\"transaction_id\": %d, \"date\": \"%s\", \"amount\": %s, \"product_id\": 1,"
            + " \"product_name\": \"Mug\"}";

    private static final List<String> RECORDS = List.of(
            // 1 passes everything.
            customer(
                    1,
                    "a@b.com",
                    "2024-01-01",
                    "2024-03-01",
                    "30.00",
                    tx(11, "2024-02-01", "10.00"),
                    tx(12, "2024-03-01", "20.00")),
            // 2: last purchase not after signup.
            customer(2, "b@b.com", "2024-01-05", "2024-01-01", "0.00"),
            // 3: last purchase before its newest transaction.
            customer(3, "c@b.com", "2024-01-01", "2024-02-01", "5.00", tx(31, "2024-02-10", "5.00")),
            // 4: total spent is not the sum.
            customer(4, "d@b.com", "2024-01-01", "2024-02-01", "99.99", tx(41, "2024-02-01", "10.00")),
            // 5: invalid email.
            customer(5, "not-an-email", "2024-01-01", "2024-02-01", "1.00", tx(51, "2024-02-01", "1.00")),
            // 6: a transaction id twice (the total counts both, as listed).
            customer(
                    6,
                    "f@b.com",
                    "2024-01-01",
                    "2024-02-01",
                    "2.00",
                    tx(61, "2024-02-01", "1.00"),
                    tx(61, "2024-02-01", "1.00")),
            // 7: a date after the export day.
            customer(7, "g@b.com", "2024-01-01", "2024-07-01", "3.00", tx(71, "2024-07-01", "3.00")),
            // 8-10 cannot be typed.
            "{\"id\": \"abc\", \"email\": \"h@b.com\"}",
            "{\"id\": 9, \"total_spent\": \"lots\", \"signup_date\": \"2024-02-30\"}",
            "\"oops\"",
            // 11 types; its one transaction does not (amount is a boolean).
            customer(11, "k@b.com", "2024-01-01", "2024-02-01", "0.00", tx(111, "2024-02-01", "true")));

    private static Dataset<Row> kept;
    private static Dataset<Row> typed;

    private static String customer(long id, String email, String signup, String last, String total, String... txs) {
        return String.format(
                "{\"id\": %d, \"name\": \"N%d\", \"email\": \"%s\", \"signup_date\": \"%s\", \"last_purchase\": \"%s\","
                        + " \"total_spent\": %s, \"transactions\": [%s]}",
                id, id, email, signup, last, total, String.join(", ", txs));
    }

    private static String tx(long id, String date, String amount) {
        return String.format(T, id, date, amount);
    }

    @BeforeAll
    static void typeTheRecords() {
        StructType schema = new StructType()
                .add("day", DataTypes.DateType)
                .add("source", DataTypes.StringType)
                .add("position", DataTypes.LongType)
                .add("raw_json", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < RECORDS.size(); i++) {
            rows.add(RowFactory.create(Date.valueOf(DAY), "f.json", (long) i, RECORDS.get(i)));
        }
        typed = Customers360Silver.typeCustomers(TestSpark.spark().createDataFrame(rows, schema))
                .localCheckpoint();
        kept = typed.where(col("reason").isNull());
    }

    @Test
    void eachInvariantFailsOnceWithBothValues() {
        Dataset<Row> checks = Customers360Silver.checks(kept);

        assertThat(checks.count()).isEqualTo(8 * 6);
        List<String> failures =
                checks.where(col("passed").equalTo(false)).orderBy("customer_id").collectAsList().stream()
                        .map(r -> r.getLong(1) + " " + r.getString(2) + " " + r.getString(4) + " | " + r.getString(5))
                        .toList();
        assertThat(failures)
                .containsExactly(
                        "2 last_purchase_after_signup 2024-01-01 | 2024-01-05",
                        "3 last_purchase_covers_transactions 2024-02-01 | 2024-02-10",
                        "4 total_spent_matches_transactions 99.99 | 10.00",
                        "5 email_valid not-an-email | name@domain.tld",
                        "6 transaction_ids_unique 2 | 1",
                        "7 no_future_dates 2024-07-01 | 2024-06-01");
    }

    @Test
    void untypableRecordsGetTheirReasonsAndTheRestType() {
        List<String> reasons = typed.where(col("reason").isNotNull()).orderBy("position").collectAsList().stream()
                .map(r -> r.getLong(2) + ": " + r.getString(r.fieldIndex("reason")))
                .toList();

        assertThat(reasons)
                .containsExactly(
                        "7: id: not an integer: abc",
                        "8: signup_date: not a date: 2024-02-30; total_spent: not a number: lots",
                        "9: not a JSON object");
        assertThat(kept.count()).isEqualTo(8);
    }

    @Test
    void transactionsTypeOneByOneAndDuplicatesRankBehindTheFirst() {
        Dataset<Row> transactions = Customers360Silver.rankTransactions(Customers360Silver.typeTransactions(kept));

        assertThat(transactions
                        .where(col("reason").isNotNull())
                        .select("reason")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList())
                .containsExactly("transaction 0 of customer 11: amount: not a number: true");
        List<String> duplicates = transactions.where(col("_rank").gt(1)).collectAsList().stream()
                .map(r -> r.getLong(r.fieldIndex("transaction_id")) + "@" + r.getInt(r.fieldIndex("transaction_index")))
                .collect(Collectors.toList());
        assertThat(duplicates).containsExactly("61@1");
        assertThat(transactions
                        .where(col("reason").isNull().and(col("_rank").equalTo(1)))
                        .count())
                .isEqualTo(7);
    }
}
