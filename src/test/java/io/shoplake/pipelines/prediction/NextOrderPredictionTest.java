package io.shoplake.pipelines.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The summary, scoring and the job's bad-input rules on tiny inline transaction logs. */
class NextOrderPredictionTest {

    private static final BgNbd PUBLISHED = new BgNbd(new BgNbd.Params(0.2426, 4.4136, 0.7929, 2.4259));
    private static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);

    @Test
    void summaryCountsOccasionsNotTransactionsAndExcludesTheFuture() {
        Dataset<Row> log = log(
                "a",
                "2024-01-01",
                "10.00",
                "a",
                "2024-01-01",
                "5.00", // same day: one occasion of 15.00 (the first, left out of monetary)
                "a",
                "2024-02-01",
                "20.00",
                "a",
                "2024-03-01",
                "40.00",
                "b",
                "2024-03-21",
                "8.00",
                "b",
                "2024-04-02",
                "9.00", // after the as-of date
                "c",
                "2024-04-05",
                "1.00"); // only after the as-of date: not a customer yet

        CustomerSummary.Result summary = CustomerSummary.summarize(log, AS_OF);

        assertThat(summary.futureTransactions()).isEqualTo(2);
        List<String> rows = new ArrayList<>();
        for (Row row : summary.customers().orderBy("customer_id").collectAsList()) {
            rows.add(row.getString(0) + " " + row.get(row.fieldIndex("x")) + " "
                    + row.get(row.fieldIndex("recency_days")) + " " + row.get(row.fieldIndex("age_days")) + " "
                    + row.get(row.fieldIndex("monetary")));
        }
        // a: first 2024-01-01, last 2024-03-01 (60 days), as-of 90 days after; mean repeat value (20 + 40) / 2.
        assertThat(rows).containsExactly("a 2 60 90 30.0", "b 0 0 10 null");
    }

    @Test
    void scoresARepeatCustomerAndAOneTimeBuyer() {
        Dataset<Row> customers = TestSpark.spark()
                .createDataFrame(
                        List.of(
                                RowFactory.create("r", Date.valueOf(AS_OF.minusDays(59)), 2L, 213, 272, 30.0),
                                RowFactory.create("o", Date.valueOf(AS_OF.minusDays(10)), 0L, 0, 10, null)),
                        new org.apache.spark.sql.types.StructType()
                                .add("customer_id", "string")
                                .add("last_date", "date")
                                .add("x", "long")
                                .add("recency_days", "int")
                                .add("age_days", "int")
                                .add("monetary", "double"));
        NextOrderScoring.Settings settings =
                new NextOrderScoring.Settings(AS_OF, TimeUnit.WEEKS, 7, 0.2, 45.4, null, "run-1");

        List<Row> rows = NextOrderScoring.score(customers, PUBLISHED, settings)
                .orderBy("customer_id")
                .collectAsList();

        Row oneTime = rows.get(0);
        Row repeat = rows.get(1);
        // Hand-computed from the closed forms: P(alive) = 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)),
        // P(order within 1 week) = P(alive) (1 - ((alpha+T)/(alpha+T+1))^(r+x)), median wait 15.6715 weeks.
        assertThat(repeat.getDouble(3)).isCloseTo(0.726625, within(1e-6));
        assertThat(repeat.getDouble(5)).isCloseTo(0.0362927, within(1e-7));
        assertThat(repeat.getDate(6).toLocalDate()).isEqualTo(AS_OF.plusDays(110));
        assertThat(repeat.isNullAt(7)).isTrue();
        // Baseline: last order + own mean gap 213 / 2 = 106.5 days, rounded to 107.
        assertThat(repeat.getDate(8).toLocalDate())
                .isEqualTo(AS_OF.minusDays(59).plusDays(107));
        // A one-time buyer: BG/NBD says alive (no purchase, no chance to drop out yet); median wait 671.17 days.
        assertThat(oneTime.getDouble(3)).isEqualTo(1.0);
        assertThat(oneTime.getDouble(5)).isCloseTo(0.0376061, within(1e-7));
        assertThat(oneTime.getDate(6).toLocalDate()).isEqualTo(AS_OF.plusDays(672));
        // Baseline for one-time buyers: last order + everyone's mean gap (45.4 days, rounded to 45).
        assertThat(oneTime.getDate(8).toLocalDate())
                .isEqualTo(AS_OF.minusDays(10).plusDays(45));
        assertThat(oneTime.getString(9)).isEqualTo("run-1");
    }

    @Test
    void noDateBelowThePAliveFloor() {
        // x = 2 long ago: P(alive) well under 0.2.
        Row row = NextOrderScoring.scoreOne(
                RowFactory.create("z", Date.valueOf(AS_OF.minusDays(700)), 2L, 20, 720, 5.0),
                PUBLISHED,
                new NextOrderScoring.Settings(AS_OF, TimeUnit.WEEKS, 7, 0.2, 30, null, "run-1"));
        assertThat(row.getDouble(3)).isLessThan(0.2);
        assertThat(row.isNullAt(6)).isTrue();
    }

    @Test
    void allOneTimeBuyersCannotBeFitted() {
        Dataset<Row> log = log("a", "2024-01-01", "1.00", "b", "2024-01-02", "2.00", "c", "2024-01-03", "3.00");
        assertThatThrownBy(() -> NextOrderPrediction.predict(log, options()))
                .isInstanceOf(ModelFitException.class)
                .hasMessage("cannot fit BG/NBD: no customer has a repeat purchase (all 3 customers bought once)");
    }

    @Test
    void emptyInputIsAClearError() {
        Dataset<Row> empty = log();
        assertThatThrownBy(() -> NextOrderPrediction.predict(empty, options()))
                .isInstanceOf(ModelFitException.class)
                .hasMessage("no transactions: the input is empty");
        assertThatThrownBy(() -> NextOrderPrediction.predict(
                        log("a", "2024-05-01", "1.00"), options().withAsOf(AS_OF)))
                .isInstanceOf(ModelFitException.class)
                .hasMessage("cannot fit BG/NBD: no transactions on or before 2024-03-31 (1 after it were excluded)");
    }

    @Test
    void ordersBecomeTransactionsWithTheSumOfTheirLineAmounts() {
        var spark = TestSpark.spark();
        Dataset<Row> orders = spark.createDataFrame(
                List.of(
                        RowFactory.create(1L, 7L, Date.valueOf("2024-01-02")),
                        RowFactory.create(2L, 7L, Date.valueOf("2024-01-09")),
                        RowFactory.create(3L, 8L, Date.valueOf("2024-01-09"))),
                new org.apache.spark.sql.types.StructType()
                        .add("order_id", "long")
                        .add("customer_id", "long")
                        .add("order_date", "date"));
        Dataset<Row> items = spark.createDataFrame(
                List.of(
                        RowFactory.create(1L, new BigDecimal("10.50")),
                        RowFactory.create(1L, new BigDecimal("4.25")),
                        RowFactory.create(3L, new BigDecimal("3.00"))),
                new org.apache.spark.sql.types.StructType()
                        .add("order_id", "long")
                        .add("line_amount", "decimal(14,2)"));

        List<String> rows = new ArrayList<>();
        for (Row row : TransactionSource.fromOrders(orders, items)
                .orderBy("customer_id", "date")
                .collectAsList()) {
            rows.add(row.getString(0) + " " + row.getDate(1) + " " + row.getDecimal(2));
        }
        // Order 2 has no items: amount 0.00, still a purchase occasion.
        assertThat(rows).containsExactly("7 2024-01-02 14.75", "7 2024-01-09 0.00", "8 2024-01-09 3.00");
    }

    private static NextOrderPrediction.Options options() {
        return NextOrderPrediction.Options.defaults().withSource(TransactionSource.TRANSACTIONS);
    }

    private static Dataset<Row> log(String... fields) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 3) {
            rows.add(RowFactory.create(fields[i], Date.valueOf(fields[i + 1]), new BigDecimal(fields[i + 2])));
        }
        return TestSpark.spark()
                .createDataFrame(rows, io.shoplake.pipelines.transactions.TransactionFileIngest.SCHEMA)
                .repartition(2);
    }
}
