package io.shoplake.demo;

import io.shoplake.pipelines.orders.OrderPatternReport;
import io.shoplake.pipelines.orders.SilverBuildReport;
import java.io.PrintWriter;

/** Prints the results the CLI already has a printer for, so the demo shows them exactly as the commands do. */
public interface DemoReporter {

    void silverBuilt(PrintWriter out, SilverBuildReport report);

    void orderPatterns(PrintWriter out, OrderPatternReport report);
}
