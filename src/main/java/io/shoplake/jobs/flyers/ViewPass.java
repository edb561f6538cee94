package io.shoplake.jobs.flyers;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The sequential pass over one partition of user timelines (sorted by user, then tie-break order): pairs each view
 * event with the event after it and sums the durations below the max gap per (user, day, flyer, merchant).
 */
final class ViewPass implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    // Input columns, as FlyerTimeMetric.timelineRows selects them.
    private static final int USER = 0;
    private static final int TIME = 1;
    private static final int DAY = 2;
    private static final int OPENS = 4;
    private static final int FLYER = 5;
    private static final int MERCHANT = 6;

    private final long maxGapMicros;
    private final boolean attributeToNext;

    ViewPass(long maxGapMicros, boolean attributeToNext) {
        if (maxGapMicros <= 0) {
            throw new IllegalArgumentException("max gap must be positive, was: " + maxGapMicros + " µs");
        }
        this.maxGapMicros = maxGapMicros;
        this.attributeToNext = attributeToNext;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new Output(input);
    }

    /** Key of one output row within a user. */
    private record Slot(int day, Long flyer, Long merchant) {
    }

    private final class Output implements Iterator<Row> {
        private final Iterator<Row> input;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private final Map<Slot, long[]> totals = new HashMap<>();
        private String user;
        private boolean previousOpens;
        private long previousTime;
        private int previousDay;
        private Long previousFlyer;
        private Long previousMerchant;

        Output(Iterator<Row> input) {
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && input.hasNext()) {
                accept(input.next());
            }
            if (ready.isEmpty() && user != null) {
                flush();
                user = null;
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void accept(Row event) {
            String eventUser = event.getString(USER);
            long time = event.getLong(TIME);
            Long flyer = event.isNullAt(FLYER) ? null : event.getLong(FLYER);
            Long merchant = event.isNullAt(MERCHANT) ? null : event.getLong(MERCHANT);
            if (!Objects.equals(eventUser, user)) {
                if (user != null) {
                    flush();
                }
                user = eventUser;
            } else if (previousOpens) {
                long gap = time - previousTime;
                if (gap < maxGapMicros) {
                    Long viewFlyer = attributeToNext ? flyer : previousFlyer;
                    Long viewMerchant = attributeToNext ? merchant : previousMerchant;
                    // A view attributed to an event without a flyer id belongs to no flyer: not counted.
                    if (viewFlyer != null) {
                        long[] sums = totals.computeIfAbsent(new Slot(previousDay, viewFlyer, viewMerchant),
                                k -> new long[2]);
                        sums[0]++;
                        sums[1] += gap;
                    }
                }
            }
            previousOpens = event.getBoolean(OPENS);
            previousTime = time;
            previousDay = event.getInt(DAY);
            previousFlyer = flyer;
            previousMerchant = merchant;
        }

        private void flush() {
            for (Map.Entry<Slot, long[]> entry : totals.entrySet()) {
                Slot slot = entry.getKey();
                ready.add(RowFactory.create(user, slot.day(), slot.flyer(), slot.merchant(), entry.getValue()[0],
                        entry.getValue()[1]));
            }
            totals.clear();
        }
    }
}
