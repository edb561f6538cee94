package io.shoplake.pipelines.orders;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.List;

/** The result of building the orders domain's silver tables: one report per table, in build order. */
public record SilverBuildReport(String runId, LocalDate asOf, List<SilverTableReport> tables) {

    public SilverBuildReport {
        requireNonNull(runId, "runId is null");
        requireNonNull(asOf, "asOf is null");
        tables = List.copyOf(tables);
    }
}
