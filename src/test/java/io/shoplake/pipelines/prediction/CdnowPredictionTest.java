package io.shoplake.pipelines.prediction;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.pipelines.transactions.TransactionFileFormat;
import io.shoplake.pipelines.transactions.TransactionFileIngest;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the CDNOW logs: Spark summary, compressed fit, scoring, against published and independent values. */
class CdnowPredictionTest {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    @Test
    void sampleSummaryFitAndCheckValueMatchThePublishedOnes(@TempDir Path lakeDirectory) throws IOException {
        Path file = SharedData.require("cdnow/CDNOW_sample.txt");
        Lakehouse lake = TestSpark.freshLake(lakeDirectory);
        TransactionFileFormat format = TransactionFileFormat.headerless(FileFormat.WHITESPACE, 2, 3, 5, "yyyyMMdd", 0);
        TransactionFileIngest.load(lake, file, format, "test");
        Dataset<Row> transactions =
                lake.read(TransactionFileIngest.TRANSACTIONS).cache();

        CustomerSummary.Result summary = CustomerSummary.summarize(transactions, CALIBRATION_END);

        // Independently: rows of the raw file dated after the calibration end.
        long after = Files.readAllLines(file).stream()
                .filter(line -> !line.isBlank())
                .filter(line -> line.strip().split("\\s+")[2].compareTo("19970930") > 0)
                .count();
        assertThat(summary.futureTransactions()).isEqualTo(after);
        Map<Integer, double[]> published = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.require("cdnow/cdnow_customers_summary.csv"))
                .subList(1, 2358)) {
            String[] f = line.strip().split(",");
            published.put(
                    Integer.parseInt(f[0]),
                    new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
        }
        List<Row> rows = summary.customers().collectAsList();
        assertThat(rows).hasSize(2357);
        for (Row row : rows) {
            double[] expected = published.get(Integer.parseInt(row.getString(row.fieldIndex("customer_id"))));
            assertThat((double) row.getLong(row.fieldIndex("x"))).isEqualTo(expected[0]);
            assertThat(row.getInt(row.fieldIndex("recency_days")) / 7.0).isCloseTo(expected[1], within(0.0051));
            assertThat(row.getInt(row.fieldIndex("age_days")) / 7.0).isCloseTo(expected[2], within(0.0051));
        }

        ModelFit fit = ModelFit.fit(
                ModelType.BGNBD, PatternSet.of(CustomerSummary.patterns(summary.customers()), TimeUnit.WEEKS), 0);
        assertThat(fit.params().get("r")).isCloseTo(0.2426, within(0.0005));
        assertThat(fit.params().get("alpha")).isCloseTo(4.4136, within(0.0005));
        assertThat(fit.params().get("a")).isCloseTo(0.7929, within(0.0005));
        assertThat(fit.params().get("b")).isCloseTo(2.4259, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.43, within(0.005));

        // Customer 0001: x = 2, t_x = 30.43, T = 38.86 weeks; 39 weeks = 273 days ahead: published 1.226.
        NextOrderPrediction.Prediction prediction = NextOrderPrediction.predict(
                transactions,
                new NextOrderPrediction.Options(
                        TransactionSource.TRANSACTIONS,
                        Optional.of(CALIBRATION_END),
                        TimeUnit.WEEKS,
                        ModelType.BGNBD,
                        273,
                        0.2,
                        0,
                        BuyerListRule.atLeast(0.5),
                        "run-1"));
        Row first = prediction
                .predictions()
                .filter(col("customer_id").equalTo("0001"))
                .first();
        assertThat(first.getDouble(first.fieldIndex("expected_orders_in_horizon")))
                .isCloseTo(1.226, within(0.0005));
        assertThat(prediction.predictions().count()).isEqualTo(2357);
    }

    @Test
    void masterLogFitsAndScoresEndToEnd(@TempDir Path lakeDirectory) {
        Path file = SharedData.require("cdnow/CDNOW_master.txt");
        Lakehouse lake = TestSpark.freshLake(lakeDirectory);
        TransactionFileFormat format = new TransactionFileFormat(
                FileFormat.WHITESPACE, true, "customer_id", "date", "dollar_value", "yyyyMMdd", 0);
        TransactionFileIngest.Report report = TransactionFileIngest.load(lake, file, format, "ingest-1");
        assertThat(report.loaded()).isEqualTo(69_659);
        assertThat(report.quarantined()).isZero();

        NextOrderPrediction.Result result = NextOrderPrediction.run(
                lake, NextOrderPrediction.Options.defaults().withSource(TransactionSource.TRANSACTIONS));

        assertThat(result.asOf()).isEqualTo(LocalDate.of(1998, 6, 30));
        assertThat(result.customers()).isEqualTo(23_570);
        assertThat(result.futureTransactions()).isZero();
        Dataset<Row> gold = lake.read(NextOrderPrediction.PREDICTIONS);
        assertThat(gold.count()).isEqualTo(23_570);
        assertThat(gold.filter(col("p_alive").lt(0).or(col("p_alive").gt(1))).count())
                .isZero();
        assertThat(gold.filter(col("p_order_in_horizon").gt(col("p_alive"))).count())
                .isZero();
        assertThat(result.spend()).isPresent();
    }
}
