package io.shoplake.pipelines.flyers;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The sequential pass over one partition of user timelines (sorted by user, then tie-break order): pairs each view
 * event with the event after it and sums the durations below the max gap per (user, day[, flyer, merchant]).
 *
 * <p>Works on Spark's internal rows: converting 10^8 rows to {@code Row} objects (and user ids to {@code String}s)
 * cost more than the pass itself. Input rows are reused by Spark, so values are copied out at once.
 */
final class ViewPass implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

    private static final long serialVersionUID = 1L;

    // Input columns, as FlyerTimeMetric.timelineRows selects them.
    private static final int USER = 0;
    private static final int TIME = 1;
    private static final int DAY = 2;
    private static final int RANK = 3;
    private static final int FLYER = 4;
    private static final int MERCHANT = 5;

    private final long maxGapMicros;
    private final boolean attributeToNext;
    private final int viewRanks;
    private final boolean byFlyer;

    /**
     * @param viewRanks ranks 1..viewRanks are view events (they open views)
     * @param byFlyer one output row per (user, day, flyer, merchant); else per (user, day) with null ids
     */
    ViewPass(long maxGapMicros, boolean attributeToNext, int viewRanks, boolean byFlyer) {
        if (maxGapMicros <= 0) {
            throw new IllegalArgumentException("max gap must be positive, was: " + maxGapMicros + " µs");
        }
        this.maxGapMicros = maxGapMicros;
        this.attributeToNext = attributeToNext;
        this.viewRanks = viewRanks;
        this.byFlyer = byFlyer;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> input) {
        return new Output(input);
    }

    /** Key of one output row within a user; {@code NONE} stands for a null id. */
    private record Slot(int day, long flyer, long merchant) {}

    private static final long NONE = Long.MIN_VALUE;

    private final class Output implements Iterator<InternalRow> {
        private final Iterator<InternalRow> input;
        private final ArrayDeque<InternalRow> ready = new ArrayDeque<>();
        private final Map<Slot, long[]> totals = new HashMap<>();
        private UTF8String user;
        private boolean previousOpens;
        private long previousTime;
        private int previousDay;
        private long previousFlyer;
        private long previousMerchant;
        // The last slot written: consecutive views of a user mostly share it, so most views skip the map.
        private Slot lastSlot;
        private long[] lastSums;

        Output(Iterator<InternalRow> input) {
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
        public InternalRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void accept(InternalRow event) {
            UTF8String eventUser = event.getUTF8String(USER);
            long time = event.getLong(TIME);
            long flyer = event.isNullAt(FLYER) ? NONE : event.getLong(FLYER);
            long merchant = event.isNullAt(MERCHANT) ? NONE : event.getLong(MERCHANT);
            if (user == null || !user.equals(eventUser)) {
                if (user != null) {
                    flush();
                }
                user = eventUser.clone();
            } else if (previousOpens) {
                long gap = time - previousTime;
                if (gap < maxGapMicros) {
                    long viewFlyer = attributeToNext ? flyer : previousFlyer;
                    // A view attributed to an event without a flyer id belongs to no flyer: not counted.
                    if (viewFlyer != NONE) {
                        long viewMerchant = attributeToNext ? merchant : previousMerchant;
                        add(
                                byFlyer
                                        ? new Slot(previousDay, viewFlyer, viewMerchant)
                                        : new Slot(previousDay, NONE, NONE),
                                gap);
                    }
                }
            }
            int rank = event.getInt(RANK);
            previousOpens = rank >= 1 && rank <= viewRanks;
            previousTime = time;
            previousDay = event.getInt(DAY);
            previousFlyer = flyer;
            previousMerchant = merchant;
        }

        private void add(Slot slot, long gap) {
            if (!slot.equals(lastSlot)) {
                lastSlot = slot;
                lastSums = totals.computeIfAbsent(slot, k -> new long[2]);
            }
            lastSums[0]++;
            lastSums[1] += gap;
        }

        private void flush() {
            for (Map.Entry<Slot, long[]> entry : totals.entrySet()) {
                Slot slot = entry.getKey();
                ready.add(new GenericInternalRow(new Object[] {
                    user,
                    slot.day(),
                    slot.flyer() == NONE ? null : slot.flyer(),
                    slot.merchant() == NONE ? null : slot.merchant(),
                    entry.getValue()[0],
                    entry.getValue()[1]
                }));
            }
            totals.clear();
            lastSlot = null;
            lastSums = null;
        }
    }
}
