package io.shoplake.cli.industries;

import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.UsageException;
import io.shoplake.pipelines.industries.generator.IndustryOrdersGenerator;
import io.shoplake.pipelines.industries.generator.LiveOrdersProducer;
import io.shoplake.pipelines.industries.generator.OrdersGeneratorSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake generate industry-orders}: orders as JSON Lines, to a file or live into Kafka. */
@Command(
        name = "industry-orders",
        mixinStandardHelpOptions = true,
        description = "Generate orders of the given customers and products (deterministic for --seed): to a JSON Lines "
                + "file (--out), or live into a Kafka topic at --rate orders a second for --duration.")
public final class GenerateIndustryOrdersCommand implements Callable<Integer> {

    @Option(
            names = "--customers",
            required = true,
            paramLabel = "FILE",
            description = "Customers CSV (customer_id first).")
    Path customers;

    @Option(
            names = "--products",
            required = true,
            paramLabel = "FILE",
            description = "Products CSV (product_id first, price last).")
    Path products;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, YYYY-MM-DD (inclusive).")
    LocalDate to;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON Lines file to write.")
    Path out;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Produce live into Kafka instead.")
    String kafka;

    @Option(names = "--topic", paramLabel = "T", defaultValue = "orders", description = "Topic (default: orders).")
    String topic;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10", description = "Orders a second (default: 10).")
    double rate;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long to produce (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: 42).")
    long seed;

    @Option(
            names = "--defects",
            paramLabel = "RATE",
            defaultValue = "0",
            description = "Share of orders with a defect: duplicate, amount mismatch, negative volume, missing "
                    + "customer_id, cut-off JSON (default: 0).")
    double defects;

    @Option(
            names = "--orders-per-day",
            paramLabel = "MIN-MAX",
            defaultValue = "100-200",
            description = "Default: 100-200.")
    String ordersPerDay;

    @Option(
            names = "--lines",
            paramLabel = "MIN-MAX",
            defaultValue = "1-100",
            description = "Lines per order (default: 1-100).")
    String lines;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((out == null) == (kafka == null)) {
            throw new UsageException("give either --out FILE or --kafka HOST:PORT");
        }
        for (Path file : new Path[] {customers, products}) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("not a file: " + file);
            }
        }
        int[] perDay = range("--orders-per-day", ordersPerDay);
        int[] lineRange = range("--lines", lines);
        IndustryOrdersGenerator generator = UsageException.whenInvalid(() -> new IndustryOrdersGenerator(
                IndustryOrdersGenerator.readCustomers(customers),
                IndustryOrdersGenerator.readProducts(products),
                OrdersGeneratorSettings.of(from, to, seed)
                        .withDefectRate(defects)
                        .withOrdersPerDay(perDay[0], perDay[1])
                        .withLines(lineRange[0], lineRange[1])));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (out != null) {
            long count = generator.write(out);
            stdout.printf("wrote %d order messages to %s%n", count, out);
        } else {
            Duration length = UsageException.whenInvalid(() -> TimeOptions.duration("--duration", duration));
            LiveOrdersProducer producer =
                    UsageException.whenInvalid(() -> new LiveOrdersProducer(kafka, topic, rate, length));
            long sent = producer.send(
                    generator, n -> err.printf("produced %d orders%n", n).flush());
            stdout.printf("produced %d order messages to %s on %s%n", sent, topic, kafka);
        }
        return ExitCode.OK;
    }

    private static int[] range(String option, String text) {
        String[] parts = text.split("-");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be MIN-MAX, e.g. 100-200, was: " + text);
        }
    }
}
