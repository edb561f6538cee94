package io.shoplake.pipelines.flyers;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.Quarantine;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Types app events for {@code silver.events} (grain: one row per distinct user, instant, event, flyer and merchant):
 * parses the offset timestamp into an instant plus the local date of its own offset, normalises placeholder ids to
 * null, and rejects rows without user or timestamp, with unknown event types, unparsable timestamps or non-integer
 * ids, and exact duplicates, each with its reason.
 */
public final class EventsSilver {

    /** The raw (bronze) columns, as the source files name them. */
    public static final List<String> SOURCE_COLUMNS =
            List.of("timestamp", "user_id", "event", "flyer_id", "merchant_id");
    /** silver.events columns. */
    public static final List<String> COLUMNS =
            List.of("event_at", "local_date", "user_id", "event", "flyer_id", "merchant_id", "_source", "_line");
    /** The event key: two rows with equal keys are the same event. */
    public static final List<String> KEY = List.of("user_id", "event_at", "event", "flyer_id", "merchant_id");

    /**
     * Placeholders the app writes for a missing id (case-insensitive, trimmed): empty, null, none, nil, nan,
     * undefined, n/a, {@code <null>} and its URL-encoded forms ({@code %3Cnull%3E}, and the app's {@code %3Cnull%3G}).
     */
    static final String PLACEHOLDER = "^(|null|none|nil|nan|undefined|n/a|<null>|%3cnull%3[eg]|\\\\n)$";
    /** ISO-8601 date and time, optional fraction, offset {@code Z} or {@code ±hh:mm}; no offset means UTC. */
    static final String TIMESTAMP =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$";

    private final Set<String> acceptedEvents;

    /** Events typed and rejected, as separate datasets. */
    public record Conformed(Dataset<Row> events, Dataset<Row> rejects) {
        public Conformed {
            requireNonNull(events, "events is null");
            requireNonNull(rejects, "rejects is null");
        }
    }

    public EventsSilver(Set<String> acceptedEvents) {
        this.acceptedEvents = Set.copyOf(requireNonNull(acceptedEvents, "acceptedEvents is null"));
        if (acceptedEvents.isEmpty()) {
            throw new IllegalArgumentException("accepted event types must not be empty");
        }
    }

    /**
     * Types {@code raw} rows (string columns {@link #SOURCE_COLUMNS} plus {@code _source} and {@code _line}).
     * Rejects are shaped by {@link Quarantine#records} with the run id given.
     */
    public Conformed conform(Dataset<Row> raw, String runId) {
        Column timestampText = trim(col("timestamp"));
        Column eventAt = when(timestampText.rlike(TIMESTAMP), expr("try_cast(trim(timestamp) AS TIMESTAMP)"));
        Column localDate = expr("try_cast(substr(trim(timestamp), 1, 10) AS DATE)");
        Dataset<Row> typed = raw.select(
                        col("timestamp").as("raw_timestamp"),
                        col("user_id").as("raw_user_id"),
                        col("event").as("raw_event"),
                        col("flyer_id").as("raw_flyer_id"),
                        col("merchant_id").as("raw_merchant_id"),
                        col("_source"),
                        col("_line").cast(DataTypes.LongType).as("_line"),
                        eventAt.as("event_at"),
                        localDate.as("local_date"),
                        id("user_id").as("user_id"),
                        trim(col("event")).as("event"),
                        id("flyer_id").as("flyer_text"),
                        id("merchant_id").as("merchant_text"))
                .withColumn("flyer_id", expr("try_cast(flyer_text AS BIGINT)"))
                .withColumn("merchant_id", expr("try_cast(merchant_text AS BIGINT)"));
        Column reason = when(col("user_id").isNull(), lit("missing user_id"))
                .when(
                        col("raw_timestamp")
                                .isNull()
                                .or(trim(col("raw_timestamp")).equalTo("")),
                        lit("missing timestamp"))
                .when(
                        col("event_at").isNull().or(col("local_date").isNull()),
                        concat(lit("unparsable timestamp: "), col("raw_timestamp")))
                .when(
                        col("event")
                                .isNull()
                                .or(col("event").isin(acceptedEvents.toArray()).unary_$bang()),
                        concat(lit("unknown event type: "), expr("coalesce(raw_event, 'null')")))
                .when(
                        col("flyer_text").isNotNull().and(col("flyer_id").isNull()),
                        concat(lit("flyer_id is not an integer: "), col("raw_flyer_id")))
                .when(
                        col("merchant_text").isNotNull().and(col("merchant_id").isNull()),
                        concat(lit("merchant_id is not an integer: "), col("raw_merchant_id")));
        Dataset<Row> checked = typed.withColumn("reason", reason);
        // Exact duplicates (after normalising ids) are one event: keep the earliest source line.
        Dataset<Row> ranked = checked.where(col("reason").isNull())
                .withColumn(
                        "copy",
                        row_number()
                                .over(Window.partitionBy(KEY.stream()
                                                .map(org.apache.spark.sql.functions::col)
                                                .toArray(Column[]::new))
                                        .orderBy(col("_source"), col("_line"))));
        Dataset<Row> events = ranked.where(col("copy").equalTo(1))
                .select(COLUMNS.stream()
                        .map(org.apache.spark.sql.functions::col)
                        .toArray(Column[]::new));
        Dataset<Row> duplicates = ranked.where(col("copy").gt(1))
                .withColumn("reason", lit("duplicate event (same user_id, timestamp, event, flyer_id, merchant_id)"))
                .drop("copy");
        Dataset<Row> rejected = checked.where(col("reason").isNotNull()).unionByName(duplicates);
        Column rawRecord = to_json(struct(
                col("raw_timestamp").as("timestamp"),
                col("raw_user_id").as("user_id"),
                col("raw_event").as("event"),
                col("raw_flyer_id").as("flyer_id"),
                col("raw_merchant_id").as("merchant_id")));
        return new Conformed(
                events, Quarantine.records(rejected, col("_source"), col("_line"), rawRecord, col("reason"), runId));
    }

    /** A trimmed id, null when it is a placeholder. */
    private static Column id(String column) {
        Column text = trim(col(column));
        return when(lower(text).rlike(PLACEHOLDER).or(text.isNull()), lit(null).cast(DataTypes.StringType))
                .otherwise(text);
    }
}
