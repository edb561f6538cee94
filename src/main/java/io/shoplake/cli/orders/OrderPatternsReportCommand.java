package io.shoplake.cli.orders;

import io.shoplake.cli.common.CommonOptions;
import io.shoplake.cli.common.ExitCode;
import io.shoplake.cli.common.JsonOption;
import io.shoplake.cli.common.RunFailedException;
import io.shoplake.cli.common.Workspace;
import io.shoplake.console.Output;
import io.shoplake.lakehouse.Layer;
import io.shoplake.lakehouse.MissingTableException;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.orders.OrderPatternReport;
import io.shoplake.pipelines.orders.OrderPatternsJob;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code shoplake report order-patterns}. */
@Command(
        name = "order-patterns",
        mixinStandardHelpOptions = true,
        description = "Order patterns from silver.orders/order_items (also written to gold.order_patterns).")
public final class OrderPatternsReportCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    JsonOption output;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "Only orders on or before this date (default: the latest order date).")
    LocalDate asOf;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = Workspace.ofExistingLake(common)) {
            OrderPatternReport report;
            try {
                report = new OrderPatternsJob(workspace.lake(), workspace.runs())
                        .run(RunLedger.newRunId(), Optional.ofNullable(asOf));
            } catch (IllegalStateException e) {
                throw new RunFailedException(e.getMessage());
            } catch (MissingTableException e) {
                throw new RunFailedException("table " + e.table() + " does not exist yet: run "
                        + (e.table().layer() == Layer.BRONZE
                                ? "./shoplake ingest orders --from DIR, then ./shoplake build orders"
                                : "./shoplake build orders")
                        + " first");
            }
            output.print(spec.commandLine().getOut(), report, OrderPatternsReportCommand::print);
            return ExitCode.OK;
        }
    }

    public static void print(PrintWriter out, OrderPatternReport report) {
        out.println("Order patterns as of " + report.asOf() + ": " + report.orders() + " orders");
        out.println();
        List<List<String>> days = new ArrayList<>();
        report.ordersByWeekday().forEach((day, count) -> days.add(List.of(day, String.valueOf(count))));
        Output.table(out, List.of("weekday", "orders"), days);
        out.println("busiest weekday: "
                + report.busiestWeekday().stream()
                        .map(d -> d.weekday() + " (" + d.orders() + ")")
                        .collect(Collectors.joining(", ")));
        out.println();
        var time = report.timeOfDay();
        if (!time.hasTimeOfDay()) {
            out.println("time of day: the data holds no time of day (every order is at midnight)");
        } else {
            List<List<String>> hours = new ArrayList<>();
            time.ordersByHour()
                    .forEach(
                            (hour, count) -> hours.add(List.of(String.format("%02d:00", hour), String.valueOf(count))));
            Output.table(out, List.of("hour_utc", "orders"), hours);
            out.println("busiest hour: "
                    + time.busiestHour().stream()
                            .map(h -> String.format("%02d:00 (%d)", h.hour(), h.orders()))
                            .collect(Collectors.joining(", ")));
        }
        out.println();
        out.println("first-order products: "
                + report.firstOrderProducts().stream()
                        .map(p -> p.product() + " (" + p.count() + ")")
                        .collect(Collectors.joining(", ")));
        var gaps = report.repurchaseIntervalDays();
        out.println("repurchase interval (days): mean " + gaps.mean() + ", median " + gaps.median() + ", p25 "
                + gaps.p25() + ", p75 " + gaps.p75() + ", gaps " + gaps.gaps() + ", mean of customer means "
                + gaps.meanOfCustomerMeans());
        out.println("duplicate orders on latest date: " + report.duplicateOrdersOnLatestDate());
    }
}
