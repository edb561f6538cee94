package io.shoplake.cli.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.cli.Main;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestOrdersCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private Result run(String... args) {
        TestSpark.spark(); // the CLI's Workspace reuses the JVM's running session (getOrCreate)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void missingFolderIsAUsageError() {
        Result result = run(
                "ingest",
                "orders",
                "--from",
                dir.resolve("nope").toString(),
                "--lake",
                dir.resolve("lake").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: --from must be a folder, was: " + dir.resolve("nope") + "\n");
    }

    @Test
    void aSourceIsRequired() {
        Result result = run("ingest", "orders");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("Error: Missing required argument (specify one of these): (--from=DIR | --jdbc=URL)");
    }

    @Test
    void goodFilesLoadUnknownOnesAreIgnoredAndAnUnusableFileFailsTheRunInOneLine() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Files.writeString(
                in.resolve("products.csv"),
                String.join(",", OrderSources.COLUMNS.get("products"))
                        + "\n601,P1,Nikkon DS90,,67.09,23.39,75,67,12,50,1,Camera\n",
                StandardCharsets.UTF_8);
        Files.writeString(in.resolve("orders.csv"), "id;employee_id;customer_id\n4001;204;40\n");
        String lake = dir.resolve("lake").toString();

        Result result = run("ingest", "orders", "--from", in.toString(), "--lake", lake);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).as(result.err()).isEqualTo("""
                ignored: notes.txt (not an orders table)
                missing: customers.csv (bronze.customers has never been loaded: build orders needs it)
                missing: employees.csv (bronze.employees has never been loaded: build orders needs it)
                missing: order_details.csv (bronze.order_details has never been loaded: build orders needs it)
                file          table            status    rows  quarantined
                ------------  ---------------  --------  ----  -----------
                products.csv  bronze.products  LOADED       1            0
                orders.csv    bronze.orders    UNUSABLE     0            0
                (2 rows)
                """);
        assertThat(result.err())
                .isEqualTo(
                        "error: " + in.resolve("orders.csv").toAbsolutePath()
                                + ": header has 1 column ('id;employee_id;customer_id'); the delimiter looks like ';', expected ','\n");

        Result again = run("ingest", "orders", "--from", in.toString(), "--lake", lake, "--json");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out())
                .contains(
                        "\"file\" : \"products.csv\"",
                        "\"status\" : \"ALREADY_LOADED\"",
                        "\"ignored\" : [ \"notes.txt\" ]");
    }

    @Test
    void theNorthwindFolderLoadsEveryRowOfEveryCsv() throws IOException {
        Path northwind = SharedData.require("northwind-orders");
        String lake = dir.resolve("lake").toString();
        Result result = run("ingest", "orders", "--from", northwind.toString(), "--lake", lake, "--json");
        assertThat(result.code()).as(result.err()).isEqualTo(0);
        assertThat(result.out()).contains("\"ignored\" : [ \"SOURCE.md\" ]");
        for (String table : OrderSources.LOAD_ORDER) {
            // Independent count: the files hold no quoted line breaks, so records are non-empty lines minus the header.
            long expected = Files.readAllLines(northwind.resolve(table + ".csv")).stream()
                            .filter(l -> !l.isBlank())
                            .count()
                    - 1;
            Result count = run("sql", "SELECT count(*) AS n FROM bronze." + table, "--lake", lake, "--csv");
            assertThat(count.out()).as(table).isEqualTo("n\n" + expected + "\n");
        }
        Result first =
                run("sql", "SELECT id, last_name, _line FROM bronze.customers WHERE id = '1'", "--lake", lake, "--csv");
        assertThat(first.out()).isEqualTo("id,last_name,_line\n1,Gray,2\n");
        Result quarantined = run("sql", "SELECT count(*) AS n FROM ops.files", "--lake", lake, "--csv");
        assertThat(quarantined.out()).isEqualTo("n\n5\n");
    }
}
