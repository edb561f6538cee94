package io.shoplake.cli.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoplake.pipelines.prediction.ParetoNbdQuadrature;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.TreeSet;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict next-orders} with {@code --model pareto-nbd} in days (it fits the model, as {@code predict fit} does), end to end through the
 * CLI, on a seeded Pareto/NBD population with two near-daily buyers (x over 400, the customers whose 2F1 overflowed).
 */
class PredictParetoNbdCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate START = LocalDate.of(2023, 1, 1);
    private static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

    @TempDir
    Path lake;

    @Test
    void paretoNbdInDaysWithHeavyBuyers() throws Exception {
        Path file = lake.resolve("transactions.csv");
        int customers = writePopulation(file);
        CliResult ingest = CliTestSupport.run(
                "ingest",
                "transactions",
                "--from",
                file.toString(),
                "--customer-col",
                "customer",
                "--date-col",
                "day",
                "--amount-col",
                "total",
                "--lake",
                lake.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();

        CliResult next = CliTestSupport.run(
                "predict",
                "next-orders",
                "--source",
                "transactions",
                "--model",
                "pareto-nbd",
                "--unit",
                "days",
                "--top",
                "5",
                "--json",
                "--lake",
                lake.toString());
        assertThat(next.exitCode()).as(next.err()).isZero();
        JsonNode report = JSON.readTree(next.out());
        assertThat(report.get("as_of").asText()).isEqualTo(AS_OF.toString());
        assertThat(report.get("model").asText()).isEqualTo("pareto-nbd");
        assertThat(report.get("unit").asText()).isEqualTo("days");
        assertThat(report.get("customers").asLong()).isEqualTo(customers);
        assertThat(report.get("buyers").asLong()).isEqualTo(5);
        JsonNode params = report.get("params");
        double r = params.get("r").asDouble();
        double alpha = params.get("alpha").asDouble();
        double s = params.get("s").asDouble();
        double beta = params.get("beta").asDouble();

        CliResult rows = CliTestSupport.run(
                "sql",
                "SELECT customer_id, p_alive, expected_orders_in_horizon FROM gold.next_order_predictions"
                        + " WHERE customer_id LIKE 'heavy%' ORDER BY customer_id",
                "--json",
                "--lake",
                lake.toString());
        assertThat(rows.exitCode()).as(rows.err()).isZero();
        JsonNode heavy = JSON.readTree(rows.out());
        assertThat(heavy).hasSize(2);
        // heavy-active bought daily up to the as-of date: alive for sure, about (r + x) / (alpha + T) orders a day.
        assertThat(heavy.get(0).get("customer_id").asText()).isEqualTo("heavy-active");
        assertThat(heavy.get(0).get("p_alive").asDouble()).isEqualTo(1.0);
        // heavy-stopped: 420 daily purchases from START, then none: x = 419, t_x = 419, T = days(START, AS_OF).
        double T = ChronoUnit.DAYS.between(START, AS_OF);
        double pAlive = ParetoNbdQuadrature.probabilityAlive(r, alpha, s, beta, 419, 419, T);
        double expected = ParetoNbdQuadrature.expectedPurchases(r, alpha, s, beta, 7, 419, 419, T);
        assertThat(heavy.get(1).get("customer_id").asText()).isEqualTo("heavy-stopped");
        assertThat(heavy.get(1).get("p_alive").asDouble()).isCloseTo(pAlive, within(1e-8 * pAlive));
        assertThat(heavy.get(1).get("expected_orders_in_horizon").asDouble())
                .isCloseTo(expected, within(1e-8 * expected));
        double activeExpected = ParetoNbdQuadrature.expectedPurchases(r, alpha, s, beta, 7, T, T, T);
        assertThat(heavy.get(0).get("expected_orders_in_horizon").asDouble())
                .isCloseTo(activeExpected, within(1e-8 * activeExpected));
    }

    /**
     * 300 customers drawn from a Pareto/NBD (rate ~ Gamma(0.8, 1/30 per day), dropout rate ~ Gamma(0.7, 1/400 per
     * day)) joining in the first half of 2023, plus heavy-stopped (daily for 420 days from START) and heavy-active
     * (daily from START to AS_OF). Returns the number of customers.
     */
    private static int writePopulation(Path file) throws Exception {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(7));
        StringBuilder csv = new StringBuilder("customer,day,total\n");
        int customers = 300;
        for (int c = 0; c < customers; c++) {
            LocalDate first = START.plusDays(random.nextInt(0, 180));
            double rate = random.nextGamma(0.8, 1.0 / 30);
            double lifetime = random.nextExponential(1.0 / random.nextGamma(0.7, 1.0 / 400));
            double end = Math.min(lifetime, ChronoUnit.DAYS.between(first, AS_OF));
            TreeSet<Long> days = new TreeSet<>();
            days.add(0L);
            for (double t = random.nextExponential(1 / rate); t <= end; t += random.nextExponential(1 / rate)) {
                days.add((long) Math.floor(t));
            }
            for (long day : days) {
                csv.append(String.format(
                        Locale.ROOT,
                        "c%03d,%s,%d.%02d%n",
                        c,
                        first.plusDays(day),
                        10 + random.nextInt(0, 90),
                        random.nextInt(0, 100)));
            }
        }
        for (long day = 0; day < 420; day++) {
            csv.append("heavy-stopped,").append(START.plusDays(day)).append(",12.50\n");
        }
        for (LocalDate day = START; !day.isAfter(AS_OF); day = day.plusDays(1)) {
            csv.append("heavy-active,").append(day).append(",8.00\n");
        }
        Files.writeString(file, csv);
        return customers + 2;
    }
}
