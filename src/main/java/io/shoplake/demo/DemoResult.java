package io.shoplake.demo;

import static java.util.Objects.requireNonNull;

import io.shoplake.pipelines.orders.generator.GeneratedOrders;
import io.shoplake.pipelines.orders.mysql.MysqlLoadResult;
import java.util.List;

/**
 * What a demo run did.
 *
 * @param timings each step's time, in order
 * @param generated the generated data set
 * @param mysqlLoad the load into MySQL
 */
public record DemoResult(List<Demo.StepTiming> timings, GeneratedOrders generated, MysqlLoadResult mysqlLoad) {

    public DemoResult {
        timings = List.copyOf(timings);
        requireNonNull(generated, "generated is null");
        requireNonNull(mysqlLoad, "mysqlLoad is null");
    }
}
