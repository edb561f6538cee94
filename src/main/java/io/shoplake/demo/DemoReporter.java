package io.shoplake.demo;

import io.shoplake.jobs.orders.OrderPatternReport;
import io.shoplake.jobs.orders.SilverBuildReport;
import java.io.PrintWriter;

/** Prints the results the CLI already has a printer for, so the demo shows them exactly as the commands do. */
public interface DemoReporter {

    void silverBuilt(PrintWriter out, SilverBuildReport report);

    void orderPatterns(PrintWriter out, OrderPatternReport report);
}
