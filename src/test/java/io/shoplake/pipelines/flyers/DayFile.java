package io.shoplake.pipelines.flyers;

import io.shoplake.testing.SharedData;
import io.shoplake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The real day of flyer events, read with plain Java (the file has no quoted fields), and an independent, simple
 * implementation of the documented metric to compute expected totals.
 */
final class DayFile {

    static final String FILE = "flyer-events/Data_Engineer_Take_home_dataset.csv";
    static final Set<String> PLACEHOLDERS = Set.of("", "null", "NULL", "<null>", "%3Cnull%3G");

    record Event(long micros, String user, String event, Long flyer, Long merchant) {}

    private DayFile() {}

    static Path path() {
        return SharedData.require(FILE);
    }

    static List<String[]> lines() throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(path());
        for (int i = 1; i < lines.size(); i++) {
            rows.add(lines.get(i).split(",", -1));
        }
        return rows;
    }

    /** Bronze-shaped rows: the five source columns as text, plus _source and _line (1 = header). */
    static Dataset<Row> bronze() throws IOException {
        StructType schema = new StructType()
                .add("timestamp", DataTypes.StringType)
                .add("user_id", DataTypes.StringType)
                .add("event", DataTypes.StringType)
                .add("flyer_id", DataTypes.StringType)
                .add("merchant_id", DataTypes.StringType)
                .add("_source", DataTypes.StringType)
                .add("_line", DataTypes.LongType);
        List<Row> rows = new ArrayList<>();
        long line = 1;
        for (String[] f : lines()) {
            line++;
            rows.add(RowFactory.create(f[0], f[1], f[2], f[3], f[4], FILE, line));
        }
        return TestSpark.spark().createDataFrame(rows, schema);
    }

    /** Distinct events after normalising placeholder ids. */
    static List<Event> events() throws IOException {
        Set<Event> distinct = new LinkedHashSet<>();
        for (String[] f : lines()) {
            OffsetDateTime at = OffsetDateTime.parse(f[0]);
            long micros = at.toInstant().getEpochSecond() * 1_000_000L;
            distinct.add(new Event(micros, f[1], f[2], id(f[3]), id(f[4])));
        }
        return new ArrayList<>(distinct);
    }

    private static Long id(String text) {
        return PLACEHOLDERS.contains(text) ? null : Long.valueOf(text);
    }

    /** Per user: {views, total micros}, by the documented rules with the default settings and view-ends-at. */
    static Map<String, long[]> expectedPerUser(boolean nextView) throws IOException {
        List<String> known =
                List.of("favorite", "flyer_close", "flyer_open", "item_open", "list_flyers", "shopping_list_open");
        Map<String, List<Event>> byUser = new HashMap<>();
        for (Event e : events()) {
            boolean view = e.event().equals("flyer_open") || e.event().equals("item_open");
            if (view && e.flyer() == null) {
                continue;
            }
            if (nextView && !view) {
                continue;
            }
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        Comparator<Long> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        Comparator<Event> order = Comparator.comparingLong(Event::micros)
                .thenComparingInt(e -> e.event().equals("flyer_open")
                        ? 1
                        : e.event().equals("item_open") ? 2 : 100 + known.indexOf(e.event()))
                .thenComparing(Event::flyer, nullsFirst)
                .thenComparing(Event::merchant, nullsFirst);
        Map<String, long[]> totals = new TreeMap<>();
        for (Map.Entry<String, List<Event>> entry : byUser.entrySet()) {
            List<Event> timeline = entry.getValue();
            timeline.sort(order);
            for (int i = 0; i + 1 < timeline.size(); i++) {
                Event open = timeline.get(i);
                boolean view = open.event().equals("flyer_open") || open.event().equals("item_open");
                long gap = timeline.get(i + 1).micros() - open.micros();
                if (view && gap < 30 * 60 * 1_000_000L) {
                    long[] sums = totals.computeIfAbsent(entry.getKey(), u -> new long[2]);
                    sums[0]++;
                    sums[1] += gap;
                }
            }
        }
        return totals;
    }
}
