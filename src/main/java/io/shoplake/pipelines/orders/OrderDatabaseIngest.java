package io.shoplake.pipelines.orders;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.sources.jdbc.IncrementalKeys;
import io.shoplake.sources.jdbc.JdbcIngest;
import io.shoplake.sources.jdbc.JdbcLoadResult;
import io.shoplake.sources.jdbc.JdbcSource;
import io.shoplake.sources.jdbc.JdbcTableLoad;
import java.util.List;

/**
 * Loads the five orders tables of a shop database (MySQL or PostgreSQL) into {@code bronze.<table>}, parents
 * before children; the JDBC counterpart of {@code ingest orders --from DIR}.
 */
public final class OrderDatabaseIngest {

    public static final String JOB = "ingest-orders";

    private OrderDatabaseIngest() {}

    /** The loads, one per orders table in {@link OrderSources#LOAD_ORDER}, incremental where a key is given. */
    public static List<JdbcTableLoad> loads(IncrementalKeys keys) {
        return OrderSources.LOAD_ORDER.stream()
                .map(table -> new JdbcTableLoad(table, OrderSources.bronze(table), keys.keyFor(table)))
                .toList();
    }

    /**
     * Checks the database, then loads every orders table; nothing is written when the database or a table is
     * unusable ({@link io.shoplake.sources.jdbc.JdbcSourceException}).
     */
    public static List<JdbcLoadResult> ingest(Lakehouse lake, JdbcSource source, IncrementalKeys keys, String runId) {
        return new JdbcIngest(lake).ingest(source, loads(keys), runId, JOB);
    }
}
