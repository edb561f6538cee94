package io.shoplake.demo;

import io.shoplake.console.Output;
import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.TableId;
import io.shoplake.pipelines.orders.OrderDatabaseIngest;
import io.shoplake.pipelines.orders.OrderPatternReport;
import io.shoplake.pipelines.orders.OrderPatternsJob;
import io.shoplake.pipelines.orders.SilverBuildReport;
import io.shoplake.pipelines.orders.SilverOrdersBuild;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.generator.OrdersGenerator;
import io.shoplake.pipelines.orders.generator.OrdersGeneratorSettings;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import io.shoplake.pipelines.orders.mysql.MysqlOrdersLoader;
import io.shoplake.pipelines.orders.mysql.MysqlTarget;
import io.shoplake.services.EmbeddedMariaDb;
import io.shoplake.services.ServiceKind;
import io.shoplake.services.Services;
import io.shoplake.sources.jdbc.IncrementalKeys;
import io.shoplake.sources.jdbc.JdbcLoadResult;
import io.shoplake.sources.jdbc.JdbcSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/** What each demo step does; {@link Demo#steps()} lists them in order. */
final class DemoSteps {

    static final String DATABASE = "northwind";

    private DemoSteps() {}

    static void startServices(DemoRun run) {
        run.startLakeInBackground();
        run.services = Services.start(
                EnumSet.of(ServiceKind.MARIADB, ServiceKind.MONGODB),
                run.settings().servicesDirectory());
        EmbeddedMariaDb mariaDb = run.services.mariaDb();
        run.mysqlUrl = mariaDb.jdbcUrl(DATABASE);
        run.out()
                .println("   MariaDB (MySQL protocol): " + run.mysqlUrl + "  user " + EmbeddedMariaDb.USER
                        + ", no password");
        run.out().println("   MongoDB (wire protocol): " + run.services.mongo().url());
    }

    static void generateOrders(DemoRun run) {
        DemoSettings settings = run.settings();
        OrdersGeneratorSettings generator = OrdersGeneratorSettings.defaults()
                .withCustomers(settings.customers())
                .withSeed(settings.seed())
                .withDefectRate(settings.defectRate());
        run.generated = new OrdersGenerator(generator).generate(settings.dataDirectory());
        List<List<String>> rows = new ArrayList<>();
        for (GeneratedOrders.TableFiles table : run.generated.tables()) {
            rows.add(List.of(table.table(), String.valueOf(table.rows()), String.valueOf(table.defectiveRows())));
        }
        indent(run.out(), out -> Output.table(out, List.of("table", "rows", "with defects"), rows));
        run.out().println("   files in " + settings.dataDirectory());
    }

    static void loadMysql(DemoRun run) {
        MysqlTarget target = new MysqlTarget(run.mysqlUrl, EmbeddedMariaDb.USER, Optional.empty());
        run.mysqlLoad = new MysqlOrdersLoader(target).load(run.settings().dataDirectory());
        List<List<String>> rows = new ArrayList<>();
        for (MysqlLoadResult.TableLoad table : run.mysqlLoad.tables()) {
            rows.add(List.of(
                    table.table(),
                    String.valueOf(table.rowsRead()),
                    String.valueOf(table.rowsLoaded()),
                    String.valueOf(table.rejected()),
                    String.valueOf(table.tableRows())));
        }
        indent(run.out(), out -> Output.table(out, List.of("table", "read", "loaded", "rejected", "table_rows"), rows));
        List<List<String>> rules = new ArrayList<>();
        for (MysqlLoadResult.TableLoad table : run.mysqlLoad.tables()) {
            table.rejectedByRule().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(rule -> rules.add(List.of(table.table(), rule.getKey(), String.valueOf(rule.getValue()))));
        }
        if (!rules.isEmpty()) {
            run.out().println("   rejected by MySQL's typed columns and foreign keys (never reach the lake):");
            indent(run.out(), out -> Output.table(out, List.of("table", "rule", "rows"), rules));
        }
    }

    static void ingestOverJdbc(DemoRun run) {
        JdbcSource source = new JdbcSource(run.mysqlUrl, Optional.of(EmbeddedMariaDb.USER), Optional.empty());
        List<JdbcLoadResult> results =
                OrderDatabaseIngest.ingest(run.lake(), source, IncrementalKeys.NONE, run.runId());
        indent(
                run.out(),
                out -> Output.table(
                        out,
                        List.of("source_table", "table", "mode", "rows"),
                        results.stream()
                                .map(r -> List.of(
                                        r.sourceTable(), r.target().toString(), r.mode(), String.valueOf(r.rows())))
                                .toList()));
    }

    static void buildSilver(DemoRun run) {
        SilverBuildReport report = new SilverOrdersBuild(run.lake(), run.runs()).build(run.runId(), Optional.empty());
        indent(run.out(), out -> run.reporter().silverBuilt(out, report));
    }

    static void reportOrderPatterns(DemoRun run) {
        OrderPatternReport report = new OrderPatternsJob(run.lake(), run.runs()).run(run.runId(), Optional.empty());
        indent(run.out(), out -> run.reporter().orderPatterns(out, report));
    }

    /** Every table with its layer and rows; quarantine tables also by reason (the reason without its value). */
    static void summarizeTables(DemoRun run) {
        Lakehouse lake = run.lake();
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> reasons = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            for (TableId table : lake.tables(layer)) {
                rows.add(List.of(
                        layer.namespace(),
                        table.toString(),
                        String.valueOf(lake.read(table).count())));
                if (layer == Layer.QUARANTINE) {
                    // "order_date: not a valid date: 2017-02-30" counts under "order_date: not a valid date",
                    // "quantity: must be at least 0, was: -3" under "quantity: must be at least 0"
                    List<Row> byReason = lake.sql(
                                    "SELECT regexp_replace(reason, '(,? was)?: [^:;]*$', '') AS rule, COUNT(*) AS n "
                                            + "FROM " + lake.sqlName(table) + " GROUP BY 1 ORDER BY 2 DESC, 1")
                            .collectAsList();
                    for (Row reason : byReason) {
                        reasons.add(List.of(
                                table.toString(), String.valueOf(reason.get(0)), String.valueOf(reason.getLong(1))));
                    }
                }
            }
        }
        indent(run.out(), out -> Output.table(out, List.of("layer", "table", "rows"), rows));
        if (!reasons.isEmpty()) {
            run.out().println("   quarantined, by reason:");
            indent(run.out(), out -> Output.table(out, List.of("table", "reason", "rows"), reasons));
        }
    }

    static void stopServices(DemoRun run) throws IOException {
        if (run.settings().keepServices() && run.services != null) {
            run.out()
                    .println("   MariaDB keeps running at " + run.mysqlUrl + " (user root, no password); "
                            + "press Enter to stop it and end the demo");
            run.out().flush();
            run.in().readLine();
        }
        run.close();
        run.out().println("   stopped");
    }

    /** Prints what {@code print} writes, indented under the step heading. */
    private static void indent(PrintWriter out, java.util.function.Consumer<PrintWriter> print) {
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter buffer = new PrintWriter(text);
        print.accept(buffer);
        buffer.flush();
        out.print(text.toString().lines().map(line -> "   " + line).collect(Collectors.joining("\n", "", "\n")));
    }
}
