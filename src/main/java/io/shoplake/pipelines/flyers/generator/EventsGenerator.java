package io.shoplake.pipelines.flyers.generator;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic flyer app events, deterministic for a seed, generated in parallel from a seeded range so any size streams
 * to disk. Users browse in sessions: bursts of flyer and item opens a few seconds apart, shopping-list, list and
 * favourite events in between, and idle gaps beyond the metric's max gap between sessions; each user has a UTC offset.
 */
public final class EventsGenerator {

    /** Events per seeded block: one user's stretch of activity. */
    static final int BLOCK = 16;

    static final long EVENTS_PER_PARTITION = 2_000_000L;
    static final String[] JUNK = {"null", "NULL", "<null>", "%3Cnull%3G", ""};
    static final String[] OFFSETS = {
        "-07:00", "-05:00", "-04:00", "-04:00", "-04:00", "+00:00", "+01:00", "+05:30", "+09:00"
    };

    static final StructType GENERATED = new StructType()
            .add("t", DataTypes.LongType, false)
            .add("day", DataTypes.IntegerType, false)
            .add("offset", DataTypes.StringType, false)
            .add("local_t", DataTypes.LongType, false)
            .add("user_id", DataTypes.StringType, false)
            .add("event", DataTypes.StringType, false)
            .add("flyer_id", DataTypes.StringType, true)
            .add("merchant_id", DataTypes.StringType, true);

    private final SparkSession spark;

    public EventsGenerator(SparkSession spark) {
        this.spark = requireNonNull(spark, "spark is null");
    }

    /** The events as a plan (nothing runs until it is written or counted); columns depend on the format. */
    public Dataset<Row> events(EventsGeneratorSettings settings) {
        long blocks = (settings.events() + BLOCK - 1) / BLOCK;
        int partitions = (int)
                Math.max(1, Math.min(10_000, (settings.events() + EVENTS_PER_PARTITION - 1) / EVENTS_PER_PARTITION));
        Dataset<Row> raw = spark.range(0, blocks, 1, partitions)
                .toDF("block")
                .flatMap(new Blocks(settings), Encoders.row(GENERATED));
        if (settings.format() == EventsGeneratorSettings.Format.CSV) {
            // The app's export: ISO local time with its offset, junk ids as the app writes them (sessions are UTC).
            return raw.select(
                    expr("concat(date_format(timestamp_micros(local_t), \"yyyy-MM-dd'T'HH:mm:ss\"), offset)")
                            .as("timestamp"),
                    col("user_id"),
                    col("event"),
                    col("flyer_id"),
                    col("merchant_id"));
        }
        return raw.select(
                expr("timestamp_micros(t)").as("event_at"),
                expr("date_from_unix_date(day)").as("local_date"),
                col("user_id"),
                col("event"),
                expr("try_cast(flyer_id AS BIGINT)").as("flyer_id"),
                expr("try_cast(merchant_id AS BIGINT)").as("merchant_id"));
    }

    /** Writes the events to {@code directory} (replaced), in parallel part files. */
    public void write(EventsGeneratorSettings settings, String directory) {
        // INT96 (Spark's default) is legacy and slower to read; every current reader takes TIMESTAMP_MICROS.
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        var writer = events(settings).write().mode(SaveMode.Overwrite);
        if (settings.format() == EventsGeneratorSettings.Format.CSV) {
            writer.option("header", "true").csv(directory);
        } else {
            writer.parquet(directory);
        }
    }

    /** Expands one block number into its events. */
    static final class Blocks implements FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final EventsGeneratorSettings settings;
        private final long startDay;

        Blocks(EventsGeneratorSettings settings) {
            this.settings = settings;
            this.startDay = settings.start().toEpochDay();
        }

        @Override
        public Iterator<Row> call(Row row) {
            long block = row.getLong(0);
            SplittableRandom random = new SplittableRandom(mix(settings.seed() * 0x9E3779B97F4A7C15L + block));
            int user = random.nextInt(settings.users());
            String userId = userId(settings.seed(), user);
            String offset = OFFSETS[(int) Math.floorMod(mix(user ^ settings.seed()), (long) OFFSETS.length)];
            long offsetSeconds = offsetSeconds(offset);
            long day = startDay + random.nextInt(settings.days());
            // Local seconds of the day when this stretch starts; leave room so most of it stays on the same day.
            long local = day * 86_400 + random.nextInt(86_400 - 3_600);
            int merchant = 1 + random.nextInt(settings.merchants());
            long flyer = flyer(merchant, random);
            long count = Math.min(BLOCK, settings.events() - block * BLOCK);
            List<Row> rows = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    // Mostly a burst (seconds apart); sometimes the user leaves for longer than any max gap.
                    local += random.nextDouble() < 0.08 ? 1_900 + random.nextInt(9_000) : 1 + random.nextInt(90);
                }
                double kind = random.nextDouble();
                String event;
                Long flyerId = null;
                Long merchantId = null;
                if (kind < 0.62) {
                    event = "flyer_open";
                    if (random.nextDouble() < 0.35) {
                        merchant = 1 + random.nextInt(settings.merchants());
                        flyer = flyer(merchant, random);
                    }
                    flyerId = flyer;
                    merchantId = (long) merchant;
                } else if (kind < 0.70) {
                    event = "item_open";
                    flyerId = flyer;
                    merchantId = (long) merchant;
                } else if (kind < 0.85) {
                    event = "shopping_list_open";
                } else if (kind < 0.95) {
                    event = "list_flyers";
                } else {
                    event = "favorite";
                    merchantId = (long) merchant;
                }
                long utcMicros = (local - offsetSeconds) * 1_000_000L;
                int localDay = (int) Math.floorDiv(local, 86_400);
                rows.add(RowFactory.create(
                        utcMicros,
                        localDay,
                        offset,
                        local * 1_000_000L,
                        userId,
                        event,
                        id(flyerId, random),
                        id(merchantId, random)));
            }
            return rows.iterator();
        }

        private String id(Long value, SplittableRandom random) {
            if (value == null) {
                return null;
            }
            if (settings.junkRate() > 0 && random.nextDouble() < settings.junkRate()) {
                return JUNK[random.nextInt(JUNK.length)];
            }
            return Long.toString(value);
        }

        private static long flyer(int merchant, SplittableRandom random) {
            return 2_000_000L + merchant * 20L + random.nextInt(20);
        }
    }

    /** A 64-hex-character user id, like the app's hashed ids. */
    static String userId(long seed, int user) {
        StringBuilder id = new StringBuilder(64);
        long state = seed * 31 + user;
        for (int i = 0; i < 4; i++) {
            state = mix(state + 0x9E3779B97F4A7C15L);
            String hex = Long.toHexString(state);
            id.append("0".repeat(16 - hex.length())).append(hex);
        }
        return id.toString();
    }

    static long offsetSeconds(String offset) {
        int sign = offset.charAt(0) == '-' ? -1 : 1;
        return sign
                * (Integer.parseInt(offset.substring(1, 3)) * 3600L + Integer.parseInt(offset.substring(4, 6)) * 60L);
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
