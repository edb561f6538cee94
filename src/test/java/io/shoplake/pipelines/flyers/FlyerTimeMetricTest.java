package io.shoplake.pipelines.flyers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoplake.pipelines.flyers.MetricSettings.Attribution;
import io.shoplake.pipelines.flyers.MetricSettings.ViewEnd;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metric on hand-made timelines; every expected value is worked out by hand in the comments. */
class FlyerTimeMetricTest {

    private static final String D = "2018-10-01";

    /**
     * User a: opens, an item, a list, a gap of exactly 30m, a favourite. User b: one event. User c: junk flyer ids.
     */
    private static Dataset<Row> sessions() {
        return new FlyerEvents()
                .at(D + "T10:00:00-04:00", "a", "flyer_open", 1L, 101L)
                .at(D + "T10:00:30-04:00", "a", "item_open", 1L, 101L)
                .at(D + "T10:01:00-04:00", "a", "list_flyers", null, null)
                .at(D + "T10:02:00-04:00", "a", "flyer_open", 2L, 102L)
                .at(D + "T10:32:00-04:00", "a", "flyer_open", 2L, 102L) // exactly max-gap after: not a view
                .at(D + "T10:33:00-04:00", "a", "favorite", null, 102L)
                .at(D + "T09:00:00-04:00", "b", "flyer_open", 1L, 101L) // single event: no end, no view
                .at(D + "T11:00:00-04:00", "c", "flyer_open", null, 103L) // junk flyer id: dropped
                .at(D + "T11:00:10-04:00", "c", "flyer_open", 3L, 103L)
                .at(D + "T11:00:20-04:00", "c", "item_open", null, 103L) // junk flyer id: dropped
                .at(D + "T11:01:10-04:00", "c", "shopping_list_open", null, null)
                .dataset();
    }

    private static List<String> run(MetricSettings settings, Dataset<Row> events) {
        return FlyerEvents.lines(new FlyerTimeMetric(settings).userFlyerTime(events));
    }

    private static MetricSettings settings(ViewEnd end, Attribution attribution, String maxGap, String close) {
        return new MetricSettings(
                MetricSettings.DEFAULT_VIEW_EVENTS, end, attribution, MaxGap.parse(maxGap), Optional.ofNullable(close));
    }

    @Test
    void nextEventOpened() {
        // a: 10:00 f1 -> 10:00:30 (30s, f1); 10:00:30 f1 -> list 10:01 (30s, f1); 10:02 f2 -> 10:32 = 30m: no view;
        //    10:32 f2 -> favorite 10:33 (60s, f2).  c: 11:00:10 f3 -> shopping list 11:01:10 (60s, f3).
        assertThat(run(MetricSettings.DEFAULT, sessions()))
                .containsExactly("a 2018-10-01 1 101 2 60", "a 2018-10-01 2 102 1 60", "c 2018-10-01 3 103 1 60");
    }

    @Test
    void nextViewOpened() {
        // Only view events remain. a: 10:00 -> 10:00:30 (30s f1); 10:00:30 -> 10:02 (90s f1); 10:02 -> 10:32 = 30m: no;
        //    10:32 is last. c: only 11:00:10 f3 remains: no end.
        assertThat(run(settings(ViewEnd.NEXT_VIEW, Attribution.OPENED, "30m", null), sessions()))
                .containsExactly("a 2018-10-01 1 101 2 120");
    }

    @Test
    void nextEventAttributedToNext() {
        // a: 10:00 -> item_open f1 (30s to f1); 10:00:30 -> list_flyers (no flyer: uncounted); 10:32 -> favorite
        //    (no flyer: uncounted). c: 11:00:10 -> shopping list (no flyer: uncounted).
        assertThat(run(settings(ViewEnd.NEXT_EVENT, Attribution.NEXT, "30m", null), sessions()))
                .containsExactly("a 2018-10-01 1 101 1 30");
    }

    @Test
    void nextViewAttributedToNext() {
        // a: 10:00 -> 10:00:30 (30s to f1); 10:00:30 -> 10:02 (90s to f2, the flyer that ended it); 10:02 -> 10:32 no.
        assertThat(run(settings(ViewEnd.NEXT_VIEW, Attribution.NEXT, "30m", null), sessions()))
                .containsExactly("a 2018-10-01 1 101 1 30", "a 2018-10-01 2 102 1 90");
    }

    @Test
    void aGapJustBelowMaxGapIsAView() {
        // max-gap 1801s: a's 10:02 -> 10:32 (1800s) now counts for f2: 2 views, 1860s.
        assertThat(run(settings(ViewEnd.NEXT_EVENT, Attribution.OPENED, "1801s", null), sessions()))
                .containsExactly("a 2018-10-01 1 101 2 60", "a 2018-10-01 2 102 2 1860", "c 2018-10-01 3 103 1 60");
        // max-gap 1m: a gap of exactly 60s is not a view: a's 10:32 -> 10:33 and c's 11:00:10 -> 11:01:10 drop out.
        assertThat(run(settings(ViewEnd.NEXT_EVENT, Attribution.OPENED, "1m", null), sessions()))
                .containsExactly("a 2018-10-01 1 101 2 60");
    }

    @Test
    void onlyFlyerOpensAreViews() {
        // view-events=flyer_open: item_open is an ordinary event (kept even with a junk flyer id).
        // a: 10:00 f1 -> item 10:00:30 (30s f1); 10:02 -> 10:32 no; 10:32 f2 -> favorite (60s f2).
        // c: 11:00:10 f3 -> item_open 11:00:20 (10s f3).
        MetricSettings flyerOpens = MetricSettings.DEFAULT.overriddenBy("flyer_open", null, null, null, null);
        assertThat(run(flyerOpens, sessions()))
                .containsExactly("a 2018-10-01 1 101 1 30", "a 2018-10-01 2 102 1 60", "c 2018-10-01 3 103 1 10");
    }

    @Test
    void tiesBreakByEventTypeThenFlyerId() {
        // d at 12:00:00: flyer_open f5 ranks before item_open f4 (view-events order): f5 lasts 0s, f4 10s.
        // e at 13:00:00: two flyer_opens order by flyer id: f6 (0s) then f7 (20s); f8 is last.
        Dataset<Row> events = new FlyerEvents()
                .at(D + "T12:00:00-04:00", "d", "item_open", 4L, 104L)
                .at(D + "T12:00:00-04:00", "d", "flyer_open", 5L, 105L)
                .at(D + "T12:00:10-04:00", "d", "list_flyers", null, null)
                .at(D + "T13:00:00-04:00", "e", "flyer_open", 7L, 107L)
                .at(D + "T13:00:00-04:00", "e", "flyer_open", 6L, 106L)
                .at(D + "T13:00:20-04:00", "e", "flyer_open", 8L, 108L)
                .dataset();
        assertThat(run(MetricSettings.DEFAULT, events))
                .containsExactly(
                        "d 2018-10-01 4 104 1 10",
                        "d 2018-10-01 5 105 1 0",
                        "e 2018-10-01 6 106 1 0",
                        "e 2018-10-01 7 107 1 20");
        // The input order does not matter: reversed partitions give the same result.
        assertThat(run(MetricSettings.DEFAULT, events.repartition(3).sortWithinPartitions("flyer_id")))
                .isEqualTo(run(MetricSettings.DEFAULT, events));
    }

    /** g: open, close, list, open, item. h: open, then an open and a close at the same second, then a list. */
    private static Dataset<Row> closes() {
        return new FlyerEvents()
                .at(D + "T14:00:00-04:00", "g", "flyer_open", 9L, 109L)
                .at(D + "T14:00:40-04:00", "g", "flyer_close", 9L, 109L)
                .at(D + "T14:05:00-04:00", "g", "list_flyers", null, null)
                .at(D + "T14:06:00-04:00", "g", "flyer_open", 9L, 109L)
                .at(D + "T14:07:00-04:00", "g", "item_open", 9L, 109L)
                .at(D + "T15:00:00-04:00", "h", "flyer_open", 1L, 101L)
                .at(D + "T15:01:00-04:00", "h", "flyer_open", 2L, 102L)
                .at(D + "T15:01:00-04:00", "h", "flyer_close", 1L, 101L)
                .at(D + "T15:02:00-04:00", "h", "list_flyers", null, null)
                .dataset();
    }

    @ParameterizedTest(name = "{0} attribute-to={1} close-event={2}")
    @CsvSource(
            delimiter = ';',
            nullValues = "none",
            value = {
                // next-view + close: g 14:00 -> close (40s); close opens nothing; 14:06 -> 14:07 (60s).
                //   h: at 15:01 the close ranks first: 15:00 f1 -> close (60s); f2 has no later view or close.
                "NEXT_VIEW;OPENED;flyer_close;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 60",
                // next-view without a close event: flyer_close is an ordinary event and is dropped.
                //   g: 14:00 -> 14:06 (360s), 14:06 -> 14:07 (60s). h: f1 -> f2 (60s); f2 is last.
                "NEXT_VIEW;OPENED;none;g 2018-10-01 9 109 2 420|h 2018-10-01 1 101 1 60",
                // next-event + close: g as next-view (the list at 14:05 follows the close). h: f1 -> close (60s);
                //   close opens nothing; f2 15:01 -> list 15:02 (60s).
                "NEXT_EVENT;OPENED;flyer_close;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 60|h 2018-10-01 2 102 1 60",
                // next-event without a close event: at 15:01 flyer_open ranks before the ordinary flyer_close:
                //   h: f1 -> f2 (60s); f2 -> flyer_close (0s); flyer_close opens nothing. g: close doesn't open either.
                "NEXT_EVENT;OPENED;none;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 60|h 2018-10-01 2 102 1 0",
                // attribute-to next, next-event + close: g 14:00 -> close f9 (40s to f9); 14:06 -> item f9 (60s).
                //   h: f1 -> close f1 (60s to f1); f2 -> list (no flyer: uncounted).
                "NEXT_EVENT;NEXT;flyer_close;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 60",
                // attribute-to next, next-event, no close: h: f1 -> f2 (60s to f2); f2 -> flyer_close f1 (0s to f1).
                "NEXT_EVENT;NEXT;none;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 0|h 2018-10-01 2 102 1 60",
                // attribute-to next, next-view + close: g 14:00 -> close (40s, f9), 14:06 -> 14:07 (60s, f9).
                //   h: f1 -> close f1 (60s to f1).
                "NEXT_VIEW;NEXT;flyer_close;g 2018-10-01 9 109 2 100|h 2018-10-01 1 101 1 60",
                // attribute-to next, next-view, no close: g 14:00 -> 14:06 (360s f9), 14:06 -> 14:07 (60s f9).
                //   h: f1 -> f2 (60s to f2).
                "NEXT_VIEW;NEXT;none;g 2018-10-01 9 109 2 420|h 2018-10-01 2 102 1 60",
            })
    void closeEventInEveryCombination(ViewEnd end, Attribution attribution, String close, String expected) {
        assertThat(run(settings(end, attribution, "30m", close), closes())).containsExactly(expected.split("\\|"));
    }

    @Test
    void aViewBelongsToTheLocalDateItOpenedOn() {
        // k (-04:00): 23:50 on Oct 1 -> 00:10 on Oct 2 (1200s) is dated Oct 1; the Oct 2 open -> 00:15 is Oct 2.
        // m (+09:00): 08:00 local on Oct 2 is 23:00 UTC Oct 1; dated by its own offset: Oct 2.
        Dataset<Row> events = new FlyerEvents()
                .at("2018-10-01T23:50:00-04:00", "k", "flyer_open", 1L, 101L)
                .at("2018-10-02T00:10:00-04:00", "k", "flyer_open", 2L, 102L)
                .at("2018-10-02T00:15:00-04:00", "k", "list_flyers", null, null)
                .at("2018-10-02T08:00:00+09:00", "m", "flyer_open", 3L, 103L)
                .at("2018-10-02T08:00:05+09:00", "m", "favorite", null, 103L)
                .dataset();
        assertThat(run(MetricSettings.DEFAULT, events))
                .containsExactly("k 2018-10-01 1 101 1 1200", "k 2018-10-02 2 102 1 300", "m 2018-10-02 3 103 1 5");
    }

    @Test
    void subSecondTimestampsAreExact() {
        Dataset<Row> events = new FlyerEvents()
                .at(D + "T10:00:00.100-04:00", "n", "flyer_open", 1L, 101L)
                .at(D + "T10:00:00.350-04:00", "n", "flyer_open", 1L, 101L)
                .at(D + "T10:00:01.001-04:00", "n", "list_flyers", null, null)
                .dataset();
        // 0.25s + 0.651s = 0.901s over 2 views.
        assertThat(run(MetricSettings.DEFAULT, events)).containsExactly("n 2018-10-01 1 101 2 0.901");
    }

    @Test
    void dailyAndMerchantMartsSumTheReport() {
        Dataset<Row> report = new FlyerTimeMetric(MetricSettings.DEFAULT)
                .userFlyerTime(sessions())
                .cache();
        // a: 2 views 60s (f1) + 1 view 60s (f2) = 3 views, 120s, avg 40; c: 1 view 60s.
        List<String> daily = FlyerEngagementReports.flyerTimeDaily(report).orderBy("user_id").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getDate(1) + " " + r.getLong(2) + " "
                        + r.getDecimal(3).stripTrailingZeros().toPlainString() + " " + r.getDouble(4))
                .toList();
        assertThat(daily).containsExactly("a 2018-10-01 3 120 40.0", "c 2018-10-01 1 60 60.0");
        // The one-pass daily path gives the same rows.
        List<String> direct = new FlyerTimeMetric(MetricSettings.DEFAULT)
                .flyerTimeDaily(sessions()).orderBy("user_id").collectAsList().stream()
                        .map(r -> r.getString(0) + " " + r.getDate(1) + " " + r.getLong(2) + " "
                                + r.getDecimal(3).stripTrailingZeros().toPlainString() + " " + r.getDouble(4))
                        .toList();
        assertThat(direct).isEqualTo(daily);
        // m101: a (f1 2 views 60s); m102: a (f2 1 view 60s); m103: c (f3 1 view 60s).
        List<String> merchants =
                FlyerEngagementReports.merchantDaily(report).orderBy("merchant_id").collectAsList().stream()
                        .map(r -> r.get(0) + " " + r.getDate(1) + " flyers=" + r.getLong(2) + " users=" + r.getLong(3)
                                + " views=" + r.getLong(4) + " s="
                                + r.getDecimal(5).stripTrailingZeros().toPlainString()
                                + " per-user=" + r.getDouble(6))
                        .toList();
        assertThat(merchants)
                .containsExactly(
                        "101 2018-10-01 flyers=1 users=1 views=2 s=60 per-user=60.0",
                        "102 2018-10-01 flyers=1 users=1 views=1 s=60 per-user=60.0",
                        "103 2018-10-01 flyers=1 users=1 views=1 s=60 per-user=60.0");
    }

    @Test
    void settingsParseAndReject() {
        MetricSettings parsed =
                MetricSettings.parse("flyer_open, item_open", "next-view", "next", "7600s", "flyer_close");
        assertThat(parsed)
                .isEqualTo(new MetricSettings(
                        List.of("flyer_open", "item_open"),
                        ViewEnd.NEXT_VIEW,
                        Attribution.NEXT,
                        Duration.ofSeconds(7600),
                        Optional.of("flyer_close")));
        assertThat(MetricSettings.parse(null, null, null, null, null)).isEqualTo(MetricSettings.DEFAULT);
        assertThat(MaxGap.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(MaxGap.format(Duration.ofSeconds(7600))).isEqualTo("7600s");
        assertThatThrownBy(() -> MaxGap.parse("30 minutes"))
                .hasMessage(
                        "duration must be a whole number followed by s, m or h (e.g. 7600s, 30m, 2h), was: 30 minutes");
        assertThatThrownBy(() -> MaxGap.parse("0m")).hasMessage("duration must be positive, was: 0m");
        assertThatThrownBy(() -> MetricSettings.parse(null, "next-close", null, null, null))
                .hasMessage("view-ends-at must be next-event or next-view, was: next-close");
        assertThatThrownBy(() -> MetricSettings.parse(null, null, "previous", null, null))
                .hasMessage("attribute-to must be opened or next, was: previous");
        assertThatThrownBy(() -> MetricSettings.parse("flyer_open", null, null, null, "flyer_open"))
                .hasMessage("close-event must not be a view event, was: flyer_open");
        assertThatThrownBy(() -> MetricSettings.parse(null, null, null, "25h", null))
                .hasMessage("max-gap must be at most 24h, was: 25h");
    }
}
