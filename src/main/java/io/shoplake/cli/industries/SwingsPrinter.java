package io.shoplake.cli.industries;

import io.shoplake.console.Output;
import io.shoplake.pipelines.industries.IndustrySwingsJob;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Prints swings for people (amounts to 2 decimals; the table keeps them exact) and for machines. */
final class SwingsPrinter {

    private SwingsPrinter() {}

    static void human(PrintWriter out, IndustrySwingsJob.Result result, int top) {
        out.println("industry swings as of " + result.asOf() + " (top "
                + Math.min(top, result.swings().size()) + " of "
                + result.swings().size() + ")");
        Output.table(
                out,
                List.of(
                        "rank",
                        "industry",
                        "window_amount",
                        "window_orders",
                        "baseline_daily_avg",
                        "change",
                        "change_pct"),
                result.top(top).stream()
                        .map(s -> List.of(
                                String.valueOf(s.rank()),
                                s.industry(),
                                money(s.windowAmount()),
                                String.valueOf(s.windowOrders()),
                                money(s.baselineDailyAvg()),
                                money(s.change()),
                                s.changePct() == null ? "" : String.format("%.1f%%", s.changePct() * 100)))
                        .toList());
        IndustrySwingsJob.Unassigned u = result.unassigned();
        out.printf(
                "not ranked (customers with no reference industry or not known yet): %d orders, %s in the window; "
                        + "%d orders, %s in the baseline; %d customers%n",
                u.windowOrders(),
                money(u.windowAmount()),
                u.baselineOrders(),
                money(u.baselineAmount()),
                u.customers());
        out.println("run " + result.runId());
    }

    static Map<String, Object> json(IndustrySwingsJob.Result result, int top) {
        return Map.of(
                "as_of", result.asOf().toString(),
                "run_id", result.runId(),
                "top", result.top(top),
                "unassigned", result.unassigned());
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
