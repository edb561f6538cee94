package io.shoplake.demo;

import static java.util.Objects.requireNonNull;

import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import java.util.List;
import java.util.Optional;

/**
 * What a demo run did.
 *
 * @param timings each step's time, in order
 * @param generated the generated orders data set; empty when the orders part did not run ({@code --only})
 * @param mysqlLoad the load into MySQL; empty when the orders part did not run
 */
public record DemoResult(
        List<Demo.StepTiming> timings, Optional<GeneratedOrders> generated, Optional<MysqlLoadResult> mysqlLoad) {

    public DemoResult {
        timings = List.copyOf(timings);
        requireNonNull(generated, "generated is null");
        requireNonNull(mysqlLoad, "mysqlLoad is null");
    }
}
