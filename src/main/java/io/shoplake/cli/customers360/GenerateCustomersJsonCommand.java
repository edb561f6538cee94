package io.shoplake.cli.customers360;

import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.pipelines.customers360.generator.CustomersJsonGenerator;
import io.shoplake.pipelines.customers360.generator.CustomersJsonSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake generate customers-json}: one day's customer export, streamed and deterministic. */
@Command(
        name = "customers-json",
        mixinStandardHelpOptions = true,
        description = "Generate one day's customer export {\"customers\": [...]} with nested transactions; day D+1 "
                + "repeats most customers (some changed, new or gone); defects break every invariant.")
public final class GenerateCustomersJsonCommand implements Callable<Integer> {

    @Mixin
    JsonOption json;

    @Option(names = "--customers", required = true, paramLabel = "N", description = "Customers in the export.")
    int customers;

    @Option(names = "--day", required = true, paramLabel = "YYYY-MM-DD", description = "The export's day.")
    LocalDate day;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE|DIR",
            description = "Output file, or a folder to write customers-<day>.json into.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--defects",
            paramLabel = "RATE",
            defaultValue = "0.05",
            description = "Share of customers with one defect, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
    double defects;

    @Option(names = "--truncated", description = "Cut the file off mid-record, as an interrupted export would be.")
    boolean truncated;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CustomersJsonSettings settings =
                UsageException.whenInvalid(() -> new CustomersJsonSettings(customers, day, seed, defects, truncated));
        Path file = Files.isDirectory(out) ? out.resolve(settings.fileName()) : out;
        var printer = spec.commandLine().getOut();
        long started = System.nanoTime();
        CustomersJsonGenerator.Written written;
        try {
            written = new CustomersJsonGenerator(settings)
                    .write(file, n -> spec.commandLine().getErr().printf("  %,d customers written%n", n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toAbsolutePath().toString());
        report.put("day", day.toString());
        report.put("customers", written.customers());
        report.put("transactions", written.transactions());
        report.put("defective_customers", written.defects());
        report.put("bytes", written.bytes());
        report.put("truncated", truncated);
        report.put("seconds", Math.round(seconds * 100) / 100.0);
        json.print(
                printer,
                report,
                (p, r) -> p.printf(
                        "wrote %,d customers (%,d transactions, %,d with a defect%s) to %s: %,d bytes in %.1f s%n",
                        written.customers(),
                        written.transactions(),
                        written.defects(),
                        truncated ? ", file truncated" : "",
                        file,
                        written.bytes(),
                        seconds));
        return ExitCode.OK;
    }
}
