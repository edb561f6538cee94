package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import io.shoplake.lakehouse.Lakehouse;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes typed events into {@code silver.events} (partitioned by local_date) idempotently: an event already there
 * (same {@link EventsSilver#KEY}) is not added again, so replaying a file or a stream batch doubles nothing.
 */
public final class EventsStore {

    private final Lakehouse lake;

    public EventsStore(Lakehouse lake) {
        this.lake = requireNonNull(lake, "lake is null");
    }

    /** Appends the events of {@code events} not yet in silver.events; returns how many were new. */
    public long appendNew(Dataset<Row> events) {
        Dataset<Row> incoming =
                events.select(EventsSilver.COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
        Dataset<Row> fresh = incoming;
        if (lake.exists(FlyerEngagementTables.EVENTS)) {
            List<Object> dates = incoming.select("local_date").distinct().collectAsList().stream()
                    .map(r -> r.get(0))
                    .toList();
            if (dates.isEmpty()) {
                return 0;
            }
            Dataset<Row> existing = lake.read(FlyerEngagementTables.EVENTS)
                    .where(col("local_date").isin(dates.toArray()))
                    .select(EventsSilver.KEY.stream().map(c -> col(c)).toArray(Column[]::new));
            Column same = null;
            for (String key : EventsSilver.KEY) {
                Column equal = incoming.col(key).eqNullSafe(existing.col(key));
                same = same == null ? equal : same.and(equal);
            }
            fresh = incoming.join(existing, same, "left_anti");
        }
        fresh = fresh.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long count = fresh.count();
            if (count > 0 || !lake.exists(FlyerEngagementTables.EVENTS)) {
                lake.append(FlyerEngagementTables.EVENTS, fresh, "local_date");
            }
            return count;
        } finally {
            fresh.unpersist();
        }
    }
}
