package io.shoplake.pipelines.flyers;

import io.shoplake.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny hand-written silver.events rows for tests: {@code at("2018-10-01T10:00:00-04:00", "a", "flyer_open", 1L, 101L)}. */
final class FlyerEvents {

    static final StructType SCHEMA = new StructType()
            .add("event_at", DataTypes.TimestampType, false)
            .add("local_date", DataTypes.DateType, false)
            .add("user_id", DataTypes.StringType, true)
            .add("event", DataTypes.StringType, false)
            .add("flyer_id", DataTypes.LongType, true)
            .add("merchant_id", DataTypes.LongType, true);

    private final List<Row> rows = new ArrayList<>();

    FlyerEvents at(String timestamp, String user, String event, Long flyer, Long merchant) {
        OffsetDateTime time = OffsetDateTime.parse(timestamp);
        rows.add(RowFactory.create(
                Timestamp.from(time.toInstant()), Date.valueOf(time.toLocalDate()), user, event, flyer, merchant));
        return this;
    }

    Dataset<Row> dataset() {
        return TestSpark.spark().createDataFrame(rows, SCHEMA);
    }

    /** Report rows as {@code "user date flyer merchant views seconds"}, sorted. */
    static List<String> lines(Dataset<Row> report) {
        List<String> lines = new ArrayList<>();
        for (Row row : report.select(
                        "user_id", "date", "flyer_id", "merchant_id", "views", "total_seconds", "avg_seconds")
                .collectAsList()) {
            BigDecimal seconds = row.getDecimal(5);
            double average = row.getDouble(6);
            if (Math.abs(average - seconds.doubleValue() / row.getLong(4)) > 1e-9) {
                throw new AssertionError("avg_seconds " + average + " is not total/views for " + row);
            }
            lines.add(row.getString(0) + " " + row.getDate(1) + " " + row.get(2) + " " + row.get(3) + " "
                    + row.getLong(4) + " " + seconds.stripTrailingZeros().toPlainString());
        }
        lines.sort(String::compareTo);
        return lines;
    }
}
