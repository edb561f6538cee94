package io.shoplake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.pipelines.prediction.BuyerListRule;
import io.shoplake.pipelines.prediction.CustomerSummary;
import io.shoplake.pipelines.prediction.ModelFit;
import io.shoplake.pipelines.prediction.ModelType;
import io.shoplake.pipelines.prediction.NextOrderPrediction;
import io.shoplake.pipelines.prediction.NextOrderScoring;
import io.shoplake.pipelines.prediction.PatternSet;
import io.shoplake.pipelines.prediction.SpendFit;
import io.shoplake.pipelines.prediction.TimeUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Next-order prediction at scale: generates customers whose purchases follow a BG/NBD process (Poisson purchases at a
 * Gamma-distributed rate, dropout after each purchase with a Beta-distributed probability, Gamma spend), writes them
 * as Parquet, then times summary + fit + scoring + gold write. The reference is a plain scan-and-aggregate of the
 * same Parquet (distinct purchase occasions per customer), measured in the same run.
 *
 * <p>Usage: {@code PredictionBench CUSTOMERS WORKDIR}
 */
public final class PredictionBench {

    static final LocalDate START = LocalDate.of(2023, 1, 1);
    static final int DAYS = 730;
    static final StructType TRANSACTIONS = new StructType()
            .add("customer_id", DataTypes.StringType, false)
            .add("date", DataTypes.DateType, false)
            .add("amount", new DecimalType(14, 2), false);

    public static void main(String[] args) throws Exception {
        long customers = Long.parseLong(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        SparkSession spark = SparkSessions.create("local[*]", 8, false);
        Path data = work.resolve("transactions-" + customers);
        if (!Files.exists(data.resolve("_SUCCESS"))) {
            long started = System.nanoTime();
            generate(spark, customers).write().mode("overwrite").parquet(data.toString());
            System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s%n", customers, seconds(started));
        }
        Dataset<Row> transactions = spark.read().parquet(data.toString());
        long orders = transactions.count();
        System.out.printf(Locale.ROOT, "input: %,d customers, %,d orders (%s)%n", customers, orders, data);

        long referenceStart = System.nanoTime();
        long occasions = transactions
                .groupBy(col("customer_id"))
                .agg(countDistinct(col("date")).as("n"))
                .agg(org.apache.spark.sql.functions.sum(col("n")))
                .first()
                .getLong(0);
        double reference = seconds(referenceStart);

        Path lakeDir = work.resolve("lake-" + customers);
        Lakehouse lake = new Lakehouse(spark, LakeSettings.folder(lakeDir));
        LocalDate asOf = START.plusDays(DAYS - 1);

        long t0 = System.nanoTime();
        CustomerSummary.Result summary = CustomerSummary.summarize(transactions, asOf);
        Dataset<Row> summarised = summary.customers().cache();
        var patterns = CustomerSummary.patterns(summarised);
        var spendObservations = CustomerSummary.spend(summarised, 200_000);
        double gap = CustomerSummary.pooledMeanGapDays(summarised);
        double summarySeconds = seconds(t0);

        long t1 = System.nanoTime();
        PatternSet set = PatternSet.of(patterns, TimeUnit.DAYS);
        ModelFit fit = ModelFit.fit(ModelType.BGNBD, set, 0);
        SpendFit spend = SpendFit.fit(spendObservations, 0);
        double fitSeconds = seconds(t1);

        long t2 = System.nanoTime();
        NextOrderScoring.Settings settings =
                new NextOrderScoring.Settings(asOf, TimeUnit.DAYS, 7, 0.2, gap, spend.model(), "bench");
        lake.overwritePartitions(
                NextOrderPrediction.PREDICTIONS,
                NextOrderScoring.score(summarised, fit.model(), settings),
                "as_of",
                "model");
        long scored = lake.read(NextOrderPrediction.PREDICTIONS).count();
        long buyers = BuyerListRule.atLeast(0.5)
                .apply(lake.read(NextOrderPrediction.PREDICTIONS))
                .count();
        double scoreSeconds = seconds(t2);
        double total = summarySeconds + fitSeconds + scoreSeconds;

        System.out.printf(Locale.ROOT, "reference (scan + distinct occasions, %,d): %.1f s%n", occasions, reference);
        System.out.printf(
                Locale.ROOT,
                "summary + patterns:  %6.1f s  (%,d distinct patterns, %,d future excluded)%n",
                summarySeconds,
                set.size(),
                summary.futureTransactions());
        System.out.printf(
                Locale.ROOT,
                "fit (BG/NBD + GG):   %6.1f s  (%.1f%% of total) %s%n",
                fitSeconds,
                100 * fitSeconds / total,
                fit.params());
        System.out.printf(
                Locale.ROOT,
                "scoring + gold write:%6.1f s  (%,d rows, %,d buyers with p >= 0.5)%n",
                scoreSeconds,
                scored,
                buyers);
        System.out.printf(Locale.ROOT, "total:               %6.1f s  = %.2f x reference%n", total, total / reference);
        System.out.printf(Locale.ROOT, "simulated parameters: r=%.3f alpha=%.3f a=%.3f b=%.3f%n", R, ALPHA, A, B);
        spark.stop();
    }

    static final double R = 0.9;
    static final double ALPHA = 25.0;
    static final double A = 1.2;
    static final double B = 12.0;

    /** BG/NBD customers: first purchase uniform over the first year, then purchases until dropout or the window end. */
    static Dataset<Row> generate(SparkSession spark, long customers) {
        int partitions = (int) Math.max(2, customers / 100_000);
        MapPartitionsFunction<Long, Row> simulate = ids -> {
            List<Row> rows = new ArrayList<>();
            RandomDataGenerator random = null;
            while (ids.hasNext()) {
                long id = ids.next();
                if (random == null) {
                    random = RandomDataGenerator.of(new org.hipparchus.random.Well19937c(id));
                }
                double lambda = random.nextGamma(R, 1.0 / ALPHA);
                double p = random.nextBeta(A, B);
                double spendScale = random.nextGamma(4.0, 10.0) / 4.0;
                double t = random.nextInt(0, DAYS / 2);
                String customer = "C" + id;
                boolean first = true;
                while (t < DAYS) {
                    double amount = random.nextGamma(4.0, spendScale);
                    rows.add(RowFactory.create(
                            customer,
                            Date.valueOf(START.plusDays((long) t)),
                            BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP)));
                    // BG/NBD: the chance to drop out comes after each repeat purchase, not after the first one.
                    if (!first && random.nextUniform(0, 1) < p) {
                        break;
                    }
                    first = false;
                    t += random.nextExponential(1.0 / lambda);
                }
            }
            return rows.iterator();
        };
        return spark.range(0, customers, 1, partitions)
                .as(Encoders.LONG())
                .mapPartitions(simulate, Encoders.row(TRANSACTIONS));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
