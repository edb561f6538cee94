package io.shoplake.bench;

import io.shoplake.lakehouse.LakeSettings;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.lakehouse.SparkSessions;
import io.shoplake.pipelines.orders.OrderSources;
import io.shoplake.pipelines.orders.SilverBuildReport;
import io.shoplake.pipelines.orders.SilverOrdersBuild;
import io.shoplake.pipelines.orders.SilverTableReport;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.generator.OrdersGenerator;
import io.shoplake.pipelines.orders.generator.OrdersGeneratorSettings;
import io.shoplake.sources.files.FileFormat;
import io.shoplake.sources.files.FileIngest;
import io.shoplake.sources.files.FileIngestRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Orders ingest + silver build throughput: a generated orders data set (1% defects, tables split into parts)
 * through shoplake's file ingest into bronze and the silver build (typing, validation with quarantine, dedupe by
 * key, reference checks), against DuckDB doing the same typing, rejects, dedupe and reference checks on the same
 * CSV files in the same run. Usage: OrdersIngestBench ORDER_ITEMS WORKDIR
 */
public final class OrdersIngestBench {

    /** Order items per customer the generator produces on average (measured: 11.2 at the default settings). */
    static final double ITEMS_PER_CUSTOMER = 11.2;

    static final long PART_ROWS = 2_000_000;

    public static void main(String[] args) throws Exception {
        long orderItems = Long.parseLong(args[0]);
        Path work = Path.of(args[1]).toAbsolutePath();
        Path data = work.resolve("data");
        deleteTree(work.resolve("lake"));
        Files.deleteIfExists(work.resolve("duck.db"));

        int customers = (int) Math.max(1, Math.round(orderItems / ITEMS_PER_CUSTOMER));
        long began = System.nanoTime();
        GeneratedOrders generated = new OrdersGenerator(OrdersGeneratorSettings.defaults()
                        .withCustomers(customers)
                        .withDefectRate(0.01)
                        .withPartRows(PART_ROWS))
                .generate(data);
        double generateSeconds = seconds(began);
        long items = generated.table("order_details").rows();
        long allRows = generated.tables().stream()
                .mapToLong(GeneratedOrders.TableFiles::rows)
                .sum();
        System.out.printf(
                "generated %,d order items (%,d rows in 5 tables, %,d customers) in %.1f s: %s%n",
                items, allRows, customers, generateSeconds, data);

        SparkSession spark = SparkSessions.create("local[*]", 8, false);
        Lakehouse lake = new Lakehouse(spark, LakeSettings.folder(work.resolve("lake")));
        PhaseProfile profile = PhaseProfile.attach(spark);
        System.out.println("load average at start: " + loadAverage());
        String runId = RunLedger.newRunId();
        began = System.nanoTime();
        FileIngest ingest = new FileIngest(lake);
        int fileCount = 0;
        for (GeneratedOrders.TableFiles table : generated.tables()) {
            for (Path file : table.files()) {
                fileCount++;
                ingest.ingest(
                        FileIngestRequest.of(file, OrderSources.bronze(table.table()), FileFormat.CSV, runId, "bench")
                                .withRequiredColumns(OrderSources.COLUMNS.get(table.table())));
            }
        }
        double ingestSeconds = seconds(began);
        profile.print("file ingest, " + fileCount + " files", ingestSeconds, fileCount);
        long ingestCommits = PhaseProfile.commits(lake);
        System.out.printf("  %d Iceberg commits (%.1f per file)%n", ingestCommits, ingestCommits / (double) fileCount);
        profile.reset();
        began = System.nanoTime();
        SilverBuildReport report = new SilverOrdersBuild(lake, new RunLedger(lake)).build(runId, Optional.empty());
        double silverSeconds = seconds(began);
        double shoplakeSeconds = ingestSeconds + silverSeconds;
        profile.print("silver build", silverSeconds, 0);
        System.out.printf(
                "  %d Iceberg commits in the lake after the build (%d by the build)%n",
                PhaseProfile.commits(lake), PhaseProfile.commits(lake) - ingestCommits);

        // The third figure: a 1% drop (other seed: re-deliveries of existing keys and their children) on top of the
        // history, ingested, then the incremental silver build, which reads only what the drop touches.
        Path dropData = work.resolve("drop");
        deleteTree(dropData);
        GeneratedOrders drop = new OrdersGenerator(OrdersGeneratorSettings.defaults()
                        .withCustomers(Math.max(1, customers / 100))
                        .withDefectRate(0.01)
                        .withSeed(43)
                        .withPartRows(PART_ROWS))
                .generate(dropData);
        String dropRun = RunLedger.newRunId();
        profile.reset();
        began = System.nanoTime();
        for (GeneratedOrders.TableFiles table : drop.tables()) {
            for (Path file : table.files()) {
                ingest.ingest(
                        FileIngestRequest.of(file, OrderSources.bronze(table.table()), FileFormat.CSV, dropRun, "bench")
                                .withRequiredColumns(OrderSources.COLUMNS.get(table.table())));
            }
        }
        double dropIngestSeconds = seconds(began);
        profile.reset();
        began = System.nanoTime();
        SilverBuildReport incremental =
                new SilverOrdersBuild(lake, new RunLedger(lake)).build(dropRun, Optional.empty());
        double incrementalSeconds = seconds(began);
        profile.print("incremental silver build after the drop", incrementalSeconds, 0);
        long dropItems = drop.table("order_details").rows();
        System.out.printf(
                "drop of %,d order items (%.1f%% of the history): ingest %.1f s, incremental silver build %.1f s"
                        + " (%.1f%% of the full build's %.1f s); rows read: %s%n",
                dropItems,
                100.0 * dropItems / items,
                dropIngestSeconds,
                incrementalSeconds,
                100 * incrementalSeconds / silverSeconds,
                silverSeconds,
                incremental.tables().stream()
                        .map(t -> t.table() + " " + t.rowsIn())
                        .collect(Collectors.joining(", ")));
        // What the engine alone costs for the same shape: Spark's own CSV reader writing the same files to bronze
        // tables, then DuckDB's job as Spark SQL on them; no ledger, hash, line numbers, quarantine or counts.
        // shoplake's ingest and silver build cannot go below these.
        began = System.nanoTime();
        SparkSqlOrdersJob.bronze(lake, generated);
        double floorSeconds = seconds(began);
        began = System.nanoTime();
        Map<String, Long> sparkSql = SparkSqlOrdersJob.silver(lake, generated);
        double sparkSqlSeconds = seconds(began);
        spark.stop();

        began = System.nanoTime();
        Map<String, Long> duck = duckDb(work.resolve("duck.db"), generated);
        double duckSeconds = seconds(began);

        System.out.println();
        System.out.printf("%-14s %12s %12s%n", "silver table", "shoplake", "duckdb");
        for (SilverTableReport table : report.tables()) {
            String name = table.table().replaceFirst("^silver\\.", "");
            System.out.printf("%-14s %,12d %,12d%n", name, table.rowsOut(), duck.getOrDefault(name, -1L));
        }
        System.out.println();
        System.out.printf(
                "shoplake: ingest %.1f s + silver %.1f s = %.1f s, %,.0f order items/s (%,.0f rows/s over all tables)%n",
                ingestSeconds, silverSeconds, shoplakeSeconds, items / shoplakeSeconds, allRows / shoplakeSeconds);
        System.out.printf("duckdb:   %.1f s, %,.0f order items/s%n", duckSeconds, items / duckSeconds);
        System.out.printf(
                "ratio shoplake/duckdb: %.2f (time; >1 means shoplake is slower)%n", shoplakeSeconds / duckSeconds);
        System.out.printf(
                "engine floor, ingest: Spark's CSV reader writing the same files to Iceberg, nothing else: %.1f s (%.2f"
                        + " of DuckDB's whole job)%n",
                floorSeconds, floorSeconds / duckSeconds);
        System.out.printf(
                "engine floor, silver: DuckDB's job as Spark SQL on those tables (typing, dedupe, reference checks; no"
                        + " quarantine, counts or ledger): %.1f s; rows %s%n",
                sparkSqlSeconds, sparkSql);
        System.out.printf(
                "engine floor, ingest + silver: %.1f s (%.2f of DuckDB's; the goal is at most %s)%n",
                floorSeconds + sparkSqlSeconds,
                (floorSeconds + sparkSqlSeconds) / duckSeconds,
                items >= 5_000_000 ? "2" : "3");
        System.out.println("load average at end: " + loadAverage());
    }

    /**
     * The same work in DuckDB: read every part as text, type each column (a non-empty value that does not parse
     * is a reject), drop rows without keys, keep the newest delivery per key, and drop orders of unknown customers
     * and items of unknown orders or products; write the typed tables to a DuckDB database file.
     */
    static Map<String, Long> duckDb(Path database, GeneratedOrders generated) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                Statement sql = connection.createStatement()) {
            for (GeneratedOrders.TableFiles table : generated.tables()) {
                String files =
                        table.files().stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
                sql.execute("CREATE TABLE raw_" + table.table()
                        + " AS SELECT *, row_number() OVER () AS _row FROM read_csv("
                        + files + ", header = true, all_varchar = true, ignore_errors = true, filename = true, "
                        + "null_padding = false, parallel = true)");
            }
            sql.execute("""
                    CREATE TABLE customers AS SELECT TRY_CAST(id AS BIGINT) AS customer_id, * EXCLUDE (id, filename, _row)
                    FROM raw_customers WHERE TRY_CAST(id AS BIGINT) IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY TRY_CAST(id AS BIGINT) ORDER BY filename DESC, _row DESC) = 1""");
            sql.execute("""
                    CREATE TABLE employees AS SELECT TRY_CAST(id AS BIGINT) AS employee_id, * EXCLUDE (id, filename, _row)
                    FROM raw_employees WHERE TRY_CAST(id AS BIGINT) IS NOT NULL
                    QUALIFY row_number() OVER (PARTITION BY TRY_CAST(id AS BIGINT) ORDER BY filename DESC, _row DESC) = 1""");
            sql.execute("""
                    CREATE TABLE products AS SELECT TRY_CAST(id AS BIGINT) AS product_id, product_code, product_name,
                      TRY_CAST(standard_cost AS DECIMAL(12,2)) AS standard_cost, TRY_CAST(list_price AS DECIMAL(12,2)) AS list_price,
                      TRY_CAST(target_level AS INT) AS target_level, TRY_CAST(reorder_level AS INT) AS reorder_level,
                      TRY_CAST(minimum_reorder_quantity AS INT) AS minimum_reorder_quantity, quantity_per_unit,
                      discontinued, category
                    FROM raw_products
                    WHERE TRY_CAST(id AS BIGINT) IS NOT NULL
                      AND (standard_cost IS NULL OR TRY_CAST(standard_cost AS DECIMAL(12,2)) >= 0)
                      AND (list_price IS NULL OR TRY_CAST(list_price AS DECIMAL(12,2)) >= 0)
                    QUALIFY row_number() OVER (PARTITION BY TRY_CAST(id AS BIGINT) ORDER BY filename DESC, _row DESC) = 1""");
            sql.execute("""
                    CREATE TABLE orders AS SELECT * FROM (
                      SELECT TRY_CAST(id AS BIGINT) AS order_id, TRY_CAST(customer_id AS BIGINT) AS customer_id,
                        TRY_CAST(employee_id AS BIGINT) AS employee_id,
                        COALESCE(TRY_STRPTIME(order_date, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(order_date, '%Y-%m-%d')) AS ordered_at,
                        TRY_CAST(shipped_date AS DATE) AS shipped_date, TRY_CAST(paid_date AS DATE) AS paid_date,
                        ship_name, ship_address1, ship_address2, ship_city, ship_state, ship_postal_code, ship_country,
                        TRY_CAST(shipping_fee AS DECIMAL(12,2)) AS shipping_fee, payment_type, order_status,
                        employee_id AS employee_text, shipped_date AS shipped_text, paid_date AS paid_text,
                        shipping_fee AS fee_text, filename, _row
                      FROM raw_orders)
                    WHERE order_id IS NOT NULL AND ordered_at IS NOT NULL
                      AND customer_id IN (SELECT customer_id FROM customers)
                      AND (employee_text IS NULL OR employee_id IS NOT NULL)
                      AND (shipped_text IS NULL OR shipped_date IS NOT NULL)
                      AND (paid_text IS NULL OR paid_date IS NOT NULL)
                      AND (fee_text IS NULL OR shipping_fee >= 0)
                    QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY filename DESC, _row DESC) = 1""");
            sql.execute("""
                    CREATE TABLE order_items AS SELECT * FROM (
                      SELECT TRY_CAST(order_id AS BIGINT) AS order_id, TRY_CAST(product_id AS BIGINT) AS product_id,
                        TRY_CAST(quantity AS INT) AS quantity, TRY_CAST(unit_price AS DECIMAL(12,2)) AS unit_price,
                        TRY_CAST(discount AS DECIMAL(12,2)) AS discount, order_detail_status,
                        TRY_CAST(date_allocated AS DATE) AS date_allocated,
                        discount AS discount_text, date_allocated AS allocated_text, filename, _row
                      FROM raw_order_details)
                    WHERE order_id IS NOT NULL AND product_id IS NOT NULL AND quantity >= 0 AND unit_price >= 0
                      AND (discount_text IS NULL OR discount >= 0)
                      AND (allocated_text IS NULL OR date_allocated IS NOT NULL)
                      AND order_id IN (SELECT order_id FROM orders)
                      AND product_id IN (SELECT product_id FROM products)
                    QUALIFY row_number() OVER (PARTITION BY order_id, product_id ORDER BY filename DESC, _row DESC) = 1""");
            for (String table : List.of("customers", "employees", "products", "orders", "order_items")) {
                try (ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
