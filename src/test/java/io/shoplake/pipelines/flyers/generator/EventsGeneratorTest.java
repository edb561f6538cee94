package io.shoplake.pipelines.flyers.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.TestSpark;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The events generator: exact counts, the same events for a seed, junk ids, realistic shape. */
class EventsGeneratorTest {

    private static EventsGeneratorSettings settings(long seed, EventsGeneratorSettings.Format format) {
        return new EventsGeneratorSettings(5_003, 100, 10, seed, 0.1, 2, LocalDate.of(2018, 10, 1), format);
    }

    @Test
    void parquetShapeIsExactAndDeterministic() {
        EventsGenerator generator = new EventsGenerator(TestSpark.spark());
        Dataset<Row> events = generator
                .events(settings(7, EventsGeneratorSettings.Format.PARQUET))
                .cache();
        assertThat(events.columns())
                .containsExactly("event_at", "local_date", "user_id", "event", "flyer_id", "merchant_id");
        assertThat(events.count()).isEqualTo(5_003);
        List<Row> again = generator
                .events(settings(7, EventsGeneratorSettings.Format.PARQUET))
                .orderBy("event_at", "user_id", "event")
                .collectAsList();
        assertThat(events.orderBy("event_at", "user_id", "event").collectAsList())
                .isEqualTo(again);
        assertThat(generator
                        .events(settings(8, EventsGeneratorSettings.Format.PARQUET))
                        .orderBy("event_at", "user_id", "event")
                        .collectAsList())
                .isNotEqualTo(again);

        assertThat(events.select("user_id").distinct().count()).isBetween(50L, 100L);
        assertThat(events.where("length(user_id) <> 64").count()).isZero();
        assertThat(events.select("event").distinct().collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("flyer_open", "item_open", "shopping_list_open", "list_flyers", "favorite");
        assertThat(events.where("local_date < DATE'2018-10-01' OR local_date > DATE'2018-10-03'")
                        .count())
                .isZero();
        // Junk: about 10% of flyer ids of flyer/item opens are null.
        long opens = events.where("event IN ('flyer_open', 'item_open')").count();
        long junk = events.where("event IN ('flyer_open', 'item_open') AND flyer_id IS NULL")
                .count();
        assertThat((double) junk / opens).isBetween(0.05, 0.15);
    }

    @Test
    void csvIsTheAppExportWithOffsetsAndJunkText() {
        Dataset<Row> csv = new EventsGenerator(TestSpark.spark())
                .events(settings(7, EventsGeneratorSettings.Format.CSV))
                .cache();
        assertThat(csv.columns()).containsExactly("timestamp", "user_id", "event", "flyer_id", "merchant_id");
        assertThat(csv.count()).isEqualTo(5_003);
        assertThat(csv.where(
                                "timestamp NOT RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$'")
                        .count())
                .isZero();
        assertThat(csv.where("flyer_id IN ('null', 'NULL', '<null>', '%3Cnull%3G', '')")
                        .count())
                .isPositive();
    }
}
