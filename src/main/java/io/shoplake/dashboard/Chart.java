package io.shoplake.dashboard;

import static java.util.Objects.requireNonNull;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.TableId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One chart of the dashboard: the endpoint name ({@code /api/<name>}), the tables it reads with the command that
 * builds each, the parameters it accepts, and the query that turns the tables into series.
 */
record Chart(String name, String title, List<Source> sources, Set<String> parameters, Query query) {

    Chart {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        sources = List.copyOf(sources);
        parameters = Set.copyOf(parameters);
        requireNonNull(query, "query is null");
    }

    /** A table the chart reads and the command that builds it. */
    record Source(TableId table, String command) {}

    /** Reads the tables; every table exists when it runs. */
    @FunctionalInterface
    interface Query {
        Map<String, Object> answer(Lakehouse lake, Params params);
    }
}
