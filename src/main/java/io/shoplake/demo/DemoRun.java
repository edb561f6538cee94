package io.shoplake.demo;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.RunLedger;
import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import io.shoplake.services.Services;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The state one demo run shares between its steps. */
public final class DemoRun implements AutoCloseable {

    private final DemoSettings settings;
    private final Supplier<Lakehouse> lakeSupplier;
    private final PrintWriter out;
    private final BufferedReader in;
    private final DemoReporter reporter;
    private final String runId = RunLedger.newRunId();
    private CompletableFuture<Lakehouse> lake;
    Services services;
    String mysqlUrl;
    GeneratedOrders generated;
    MysqlLoadResult mysqlLoad;

    DemoRun(
            DemoSettings settings,
            Supplier<Lakehouse> lakeSupplier,
            PrintWriter out,
            BufferedReader in,
            DemoReporter reporter) {
        this.reporter = requireNonNull(reporter, "reporter is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.lakeSupplier = requireNonNull(lakeSupplier, "lakeSupplier is null");
        this.out = requireNonNull(out, "out is null");
        this.in = requireNonNull(in, "in is null");
    }

    public DemoSettings settings() {
        return settings;
    }

    public PrintWriter out() {
        return out;
    }

    DemoReporter reporter() {
        return reporter;
    }

    BufferedReader in() {
        return in;
    }

    /** The run id every lake step of this demo records in ops.runs. */
    public String runId() {
        return runId;
    }

    /** Starts Spark in the background (it takes seconds) while other steps run. */
    void startLakeInBackground() {
        if (lake == null) {
            lake = CompletableFuture.supplyAsync(lakeSupplier);
        }
    }

    public Lakehouse lake() {
        startLakeInBackground();
        try {
            return lake.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    public RunLedger runs() {
        return new RunLedger(lake());
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
            services = null;
        }
    }
}
