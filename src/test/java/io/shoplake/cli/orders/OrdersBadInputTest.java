package io.shoplake.cli.orders;

import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.sources.files.BadInputCorpus;
import io.shoplake.testing.CliTestSupport;
import io.shoplake.testing.CliTestSupport.CliResult;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The bad-input corpus through {@code ingest orders --from DIR} and {@code build orders}, damage in orders files. */
class OrdersBadInputTest extends BadInputCorpus {

    @Override
    protected FileSource source() {
        return new FileSource() {
            @Override
            public List<String> header() {
                return OrderSources.COLUMNS.get("orders");
            }

            @Override
            public List<String> record(int id) {
                return List.of(
                        String.valueOf(id),
                        "1",
                        "1",
                        "2024-01-15",
                        "",
                        "Ship " + id,
                        "1 Main St",
                        "",
                        "Town",
                        "ST",
                        "12345",
                        "USA",
                        "10.00",
                        "Card",
                        "",
                        "New");
            }

            @Override
            public int dateColumn() {
                return 3;
            }

            @Override
            public int numberColumn() {
                return 12;
            }

            @Override
            public int textColumn() {
                return 5;
            }

            @Override
            public String impossibleDate() {
                return "2017-02-30";
            }

            @Override
            public String fileName(String family) {
                return "orders-" + family + ".csv";
            }

            @Override
            public void prepare(Path drop) throws IOException {
                Files.writeString(drop.resolve("customers.csv"), csv("customers", "1", "2"));
                Files.writeString(drop.resolve("employees.csv"), csv("employees", "1"));
                Files.writeString(drop.resolve("products.csv"), csv("products", "1"));
                Files.writeString(
                        drop.resolve("order_details.csv"),
                        String.join(",", OrderSources.COLUMNS.get("order_details")) + "\n");
            }

            @Override
            public CliResult ingest(Path drop, Path lake, String... options) {
                TestSpark.spark();
                List<String> args = new ArrayList<>(
                        List.of("ingest", "orders", "--from", drop.toString(), "--lake", lake.toString()));
                Collections.addAll(args, options);
                CliResult ingest = CliTestSupport.run(args.toArray(String[]::new));
                if (ingest.exitCode() != 0) {
                    return ingest;
                }
                CliResult build = CliTestSupport.run("build", "orders", "--lake", lake.toString());
                return build.exitCode() != 0 ? build : ingest;
            }

            @Override
            public TableId bronze() {
                return TableId.bronze("orders");
            }

            @Override
            public TableId silver() {
                return TableId.silver("orders");
            }

            @Override
            public Optional<String> impossibleDateReason(String value) {
                return Optional.of("order_date: not a valid date: " + value);
            }

            @Override
            public Optional<String> numberReason(String value) {
                return Optional.of(
                        value.startsWith("-")
                                ? "shipping_fee: must be at least 0, was: " + value
                                : "shipping_fee: not a valid decimal: " + value);
            }

            @Override
            public Duplicates duplicates() {
                return Duplicates.SUPERSEDED;
            }

            @Override
            public String missingColumnMessage(Path file, String column) {
                return file + ": header lacks required column: " + column;
            }

            @Override
            public int missingPathExitCode() {
                return 2;
            }

            @Override
            public String missingPathMessage(Path path) {
                return "--from must be a folder, was: " + path;
            }
        };
    }

    /** A clean file of a parent table: every column holds a plausible value, ids as given. */
    private static String csv(String table, String... ids) {
        List<String> columns = OrderSources.COLUMNS.get(table);
        StringBuilder text = new StringBuilder(String.join(",", columns)).append('\n');
        for (String id : ids) {
            List<String> values = new ArrayList<>();
            for (String column : columns) {
                values.add(
                        switch (column) {
                            case "id" -> id;
                            case "email" -> "p" + id + "@shop.example";
                            case "standard_cost", "list_price" -> "5.00";
                            case "target_level", "reorder_level", "minimum_reorder_quantity" -> "1";
                            case "discontinued" -> "0";
                            case "manager_id" -> "";
                            default -> column + " " + id;
                        });
            }
            text.append(String.join(",", values)).append('\n');
        }
        return text.toString();
    }
}
