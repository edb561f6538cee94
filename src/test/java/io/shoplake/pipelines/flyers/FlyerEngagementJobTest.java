package io.shoplake.pipelines.flyers;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.lakehouse.Lakehouse;
import io.shoplake.lakehouse.Quarantine;
import io.shoplake.lakehouse.RunLedger;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real day file end to end: silver.events, the job for both view-ends-at settings, invariants, re-runs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlyerEngagementJobTest {

    private static final LocalDate DAY = LocalDate.of(2018, 10, 1);

    private Lakehouse lake;

    @BeforeAll
    void loadTheDay(@TempDir Path dir) throws Exception {
        lake = io.shoplake.testing.TestSpark.freshLake(dir);
        EventsSilver.Conformed conformed =
                new EventsSilver(EventTypes.accepted(MetricSettings.DEFAULT)).conform(DayFile.bronze(), "test-run");
        new EventsStore(lake).appendNew(conformed.events());
        new Quarantine(lake).append(FlyerEngagementTables.EVENTS, conformed.rejects());
    }

    @Test
    void silverHoldsEachDistinctEventOnceAndQuarantinesTheCopies() throws Exception {
        int lines = DayFile.lines().size();
        int distinct = DayFile.events().size();
        assertThat(lake.read(FlyerEngagementTables.EVENTS).count()).isEqualTo(distinct);
        Dataset<Row> rejects = new Quarantine(lake).of(FlyerEngagementTables.EVENTS);
        assertThat(rejects.count()).isEqualTo(lines - distinct);
        assertThat(rejects.select("reason").distinct().collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("duplicate event (same user_id, timestamp, event, flyer_id, merchant_id)");
        // Placeholder ids are nulls, never text; every row is on the file's one local date.
        assertThat(lake.sql("SELECT count(*) FROM " + lake.sqlName(FlyerEngagementTables.EVENTS)
                                + " WHERE local_date <> DATE'2018-10-01'")
                        .first()
                        .getLong(0))
                .isZero();
        // Loading the same events again adds nothing.
        EventsSilver.Conformed again =
                new EventsSilver(EventTypes.accepted(MetricSettings.DEFAULT)).conform(DayFile.bronze(), "test-run-2");
        assertThat(new EventsStore(lake).appendNew(again.events())).isZero();
        assertThat(lake.read(FlyerEngagementTables.EVENTS).count()).isEqualTo(distinct);
    }

    @Test
    void bothViewEndSettingsMatchAnIndependentComputationAndReconcile() throws Exception {
        for (String end : List.of("next-event", "next-view")) {
            MetricSettings settings = MetricSettings.DEFAULT.overriddenBy(null, end, null, null, null);
            new FlyerEngagementJob(lake, new RunLedger(lake), settings).run(DAY, DAY);
            Map<String, long[]> expected = DayFile.expectedPerUser(end.equals("next-view"));

            Map<String, long[]> actual = new TreeMap<>();
            for (Row row : lake.read(FlyerEngagementTables.FLYER_TIME_DAILY).collectAsList()) {
                assertThat(row.getDate(1).toLocalDate()).isEqualTo(DAY);
                long micros = row.getDecimal(3).movePointRight(6).longValueExact();
                actual.put(row.getString(0), new long[] {row.getLong(2), micros});
            }
            // Every user with a valid view within max-gap has exactly their row, with the exact totals.
            assertThat(actual.keySet()).as(end).isEqualTo(expected.keySet());
            for (String user : expected.keySet()) {
                assertThat(actual.get(user)).as(end + " " + user).containsExactly(expected.get(user));
            }
            assertThat(expected).hasSizeGreaterThan(500);

            // Totals reconcile across the three marts.
            BigDecimal daily = total(FlyerEngagementTables.FLYER_TIME_DAILY, "total_seconds");
            assertThat(total(FlyerEngagementTables.MERCHANT_FLYER_REPORT, "total_seconds"))
                    .isEqualByComparingTo(daily);
            assertThat(total(FlyerEngagementTables.MERCHANT_DAILY, "total_seconds"))
                    .isEqualByComparingTo(daily);
            assertThat(total(FlyerEngagementTables.MERCHANT_DAILY, "views"))
                    .isEqualByComparingTo(total(FlyerEngagementTables.FLYER_TIME_DAILY, "views"));
        }
    }

    @Test
    void reRunningADateReplacesThatDateOnly() {
        MetricSettings settings = MetricSettings.DEFAULT;
        FlyerEngagementJob job = new FlyerEngagementJob(lake, new RunLedger(lake), settings);
        assertThat(job.latestDate()).contains(DAY);
        job.run(DAY, DAY);
        List<Row> first = sorted(FlyerEngagementTables.MERCHANT_FLYER_REPORT);
        // A row for another date that the re-run must leave alone.
        Dataset<Row> otherDay = lake.read(FlyerEngagementTables.MERCHANT_FLYER_REPORT)
                .limit(1)
                .withColumn("date", org.apache.spark.sql.functions.lit(java.sql.Date.valueOf("2018-09-30")));
        lake.overwritePartitions(FlyerEngagementTables.MERCHANT_FLYER_REPORT, otherDay, "date");

        FlyerEngagementJob.Result again = job.run(DAY, DAY);
        assertThat(again.reportRows()).isEqualTo(first.size());
        List<Row> all = sorted(FlyerEngagementTables.MERCHANT_FLYER_REPORT);
        assertThat(all).hasSize(first.size() + 1);
        assertThat(all.stream()
                        .filter(r -> r.getDate(3).toLocalDate().equals(DAY))
                        .toList())
                .isEqualTo(first);
        assertThat(lake.sql("SELECT count(*) FROM " + lake.sqlName(RunLedger.RUNS)
                                + " WHERE job = 'flyer-engagement' AND status = 'SUCCEEDED'")
                        .first()
                        .getLong(0))
                .isGreaterThanOrEqualTo(2);
    }

    private BigDecimal total(io.shoplake.lakehouse.TableId table, String column) {
        Object value = lake.read(table)
                .where(org.apache
                        .spark
                        .sql
                        .functions
                        .col("date")
                        .equalTo(org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(DAY))))
                .agg(org.apache.spark.sql.functions.sum(column))
                .first()
                .get(0);
        return value instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(((Number) value).longValue());
    }

    private List<Row> sorted(io.shoplake.lakehouse.TableId table) {
        return lake.read(table)
                .orderBy("merchant_id", "flyer_id", "user_id", "date")
                .collectAsList();
    }
}
