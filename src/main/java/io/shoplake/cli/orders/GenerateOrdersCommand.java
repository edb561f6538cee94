package io.shoplake.cli.orders;

import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.UsageException;
import io.shoplake.console.Output;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.generator.OrdersGenerator;
import io.shoplake.pipelines.orders.generator.OrdersGeneratorSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake generate orders}: a Northwind-shaped orders data set as CSV files. */
@Command(
        name = "orders",
        mixinStandardHelpOptions = true,
        description = "Write customers, employees, products, orders and order_details CSV files with realistic "
                + "purchase cycles and injected defects.")
public final class GenerateOrdersCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(
            names = "--customers",
            paramLabel = "N",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_CUSTOMERS,
            description = "Customers (default: ${DEFAULT-VALUE}); about 11 order items per customer.")
    int customers;

    @Option(
            names = "--products",
            paramLabel = "N",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_PRODUCTS,
            description = "Products (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(
            names = "--employees",
            paramLabel = "N",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_EMPLOYEES,
            description = "Employees (default: ${DEFAULT-VALUE}).")
    int employees;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_DAYS,
            description = "Days of order history (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            defaultValue = "2025-01-01",
            description = "First day of the history, YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_SEED,
            description = "Random seed; the same options give byte-identical files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--defects",
            paramLabel = "RATE",
            defaultValue = "" + OrdersGeneratorSettings.DEFAULT_DEFECT_RATE,
            description = "Share of rows with an injected defect, 0 for clean data (default: ${DEFAULT-VALUE}).")
    double defects;

    @Option(
            names = "--part-rows",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Split each table into files of at most N rows (<table>-0001.csv, ...); 0: one file per table.")
    long partRows;

    @Mixin
    JsonOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OrdersGeneratorSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        OrdersGenerator generator = new OrdersGenerator(
                settings,
                (table, rows) ->
                        err.printf("generate: %s %,d rows...%n", table, rows).flush());
        GeneratedOrders result = generator.generate(out);
        print(spec.commandLine().getOut(), result);
        return ExitCode.OK;
    }

    private OrdersGeneratorSettings settings() {
        LocalDate first;
        try {
            first = LocalDate.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--start must be a date YYYY-MM-DD, was: " + start);
        }
        try {
            return new OrdersGeneratorSettings(customers, employees, products, days, first, seed, defects, partRows);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private void print(PrintWriter out, GeneratedOrders result) {
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("directory", result.directory().toString());
            json.put("seconds", result.elapsed().toMillis() / 1000.0);
            List<Map<String, Object>> tables = new ArrayList<>();
            for (GeneratedOrders.TableFiles table : result.tables()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("table", table.table());
                entry.put(
                        "files",
                        table.files().stream()
                                .map(p -> p.getFileName().toString())
                                .toList());
                entry.put("rows", table.rows());
                entry.put("defective_rows", table.defectiveRows());
                Map<String, Long> byKind = new LinkedHashMap<>();
                table.defects().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> byKind.put(e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue()));
                entry.put("defects", byKind);
                tables.add(entry);
            }
            json.put("tables", tables);
            Output.json(out, json);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (GeneratedOrders.TableFiles table : result.tables()) {
            String kinds = table.defects().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            rows.add(List.of(
                    table.table(),
                    String.valueOf(table.files().size()),
                    String.valueOf(table.rows()),
                    String.valueOf(table.defectiveRows()),
                    kinds));
        }
        Output.table(out, List.of("table", "files", "rows", "defective", "defects"), rows);
        out.printf("wrote %s in %.1f s%n", result.directory(), result.elapsed().toMillis() / 1000.0);
    }
}
