package io.shoplake.pipelines.covid;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoplake.testing.TestSpark;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** gold.covid_daily and silver.covid_cases on tiny inline rows with hand-computed results. */
class CovidDailyTest {

    private static final StructType SILVER = new StructType()
            .add("country_code", DataTypes.StringType)
            .add("country", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("cumulative", DataTypes.LongType);

    private static Row day(String code, String date, long cumulative) {
        return RowFactory.create(code, code.equals("SG") ? "Singapore" : "Malaysia", Date.valueOf(date), cumulative);
    }

    @Test
    void newCasesAverageAndDecreasesByHand() {
        List<Row> rows = new ArrayList<>();
        long[] sg = {10, 12, 15, 15, 20, 26, 33, 31, 40};
        for (int i = 0; i < sg.length; i++) {
            rows.add(day("SG", "2021-03-%02d".formatted(i + 1), sg[i]));
        }
        // MY skips 03-03: the day after the gap has no previous day.
        rows.add(day("MY", "2021-03-01", 5));
        rows.add(day("MY", "2021-03-02", 7));
        rows.add(day("MY", "2021-03-04", 9));
        Dataset<Row> cases = TestSpark.spark().createDataFrame(rows, SILVER);

        List<Row> gold = CovidDaily.build(cases).orderBy("country_code", "date").collectAsList();

        List<String> shown = gold.stream()
                .map(r -> r.getString(0) + " " + r.getDate(2) + " " + r.getLong(3) + " " + r.get(4) + " "
                        + (r.isNullAt(5) ? "null" : String.format(java.util.Locale.ROOT, "%.4f", r.getDouble(5))) + " "
                        + r.getBoolean(6))
                .toList();
        // SG new cases: -, 2, 3, 0, 5, 6, 7, -2, 9. The first full 7-day window ends 03-08: (2+3+0+5+6+7-2)/7 = 3.
        // 03-09: (3+0+5+6+7-2+9)/7 = 28/7 = 4.
        assertThat(shown)
                .containsExactly(
                        "MY 2021-03-01 5 null null false",
                        "MY 2021-03-02 7 2 null false",
                        "MY 2021-03-04 9 null null false",
                        "SG 2021-03-01 10 null null false",
                        "SG 2021-03-02 12 2 null false",
                        "SG 2021-03-03 15 3 null false",
                        "SG 2021-03-04 15 0 null false",
                        "SG 2021-03-05 20 5 null false",
                        "SG 2021-03-06 26 6 null false",
                        "SG 2021-03-07 33 7 null false",
                        "SG 2021-03-08 31 -2 3.0000 true",
                        "SG 2021-03-09 40 9 4.0000 false");
    }

    @Test
    void silverKeepsCountryTotalsAndQuarantinesTheRestWithReasons() {
        StructType bronze = new StructType()
                .add("record", DataTypes.StringType)
                .add("cursor", DataTypes.StringType)
                .add("url", DataTypes.StringType)
                .add("page", DataTypes.IntegerType)
                .add("fetched_at", DataTypes.TimestampType)
                .add("run_id", DataTypes.StringType);
        Timestamp early = Timestamp.valueOf("2024-01-01 00:00:00");
        Timestamp late = Timestamp.valueOf("2024-01-02 00:00:00");
        List<Row> rows = List.of(
                bronzeRow(record("SG", "", 5, "confirmed", "2021-03-01T00:00:00Z"), early),
                bronzeRow(record("SG", "", 6, "confirmed", "2021-03-02T00:00:00Z"), early),
                bronzeRow(record("SG", "", 7, "confirmed", "2021-03-02T00:00:00Z"), late),
                bronzeRow(record("SG", "Central", 1, "confirmed", "2021-03-01T00:00:00Z"), early),
                bronzeRow(record("SG", "", -1, "confirmed", "2021-03-03T00:00:00Z"), early),
                bronzeRow(record("SG", "", 9, "deaths", "2021-03-03T00:00:00Z"), early),
                bronzeRow(record("SG", "", 9, "confirmed", "yesterday"), early),
                bronzeRow(record("", "", 9, "confirmed", "2021-03-03T00:00:00Z"), early),
                bronzeRow("[1]", early));
        CovidCases.Split split = CovidCases.build(TestSpark.spark().createDataFrame(rows, bronze));

        assertThat(split.cases().orderBy("date").collectAsList())
                .extracting(r -> r.getString(0) + " " + r.getString(1) + " " + r.getDate(2) + " " + r.getLong(3))
                .containsExactly("SG Singapore 2021-03-01 5", "SG Singapore 2021-03-02 7");
        assertThat(split.rejects().orderBy("reason").collectAsList())
                .extracting(r -> r.<String>getAs("reason"))
                .containsExactly(
                        "Cases is negative: -1",
                        "CountryCode is missing",
                        "Date is not a date: yesterday",
                        "Status is not confirmed: deaths",
                        "duplicate: a later record for SG on 2021-03-02 is kept",
                        "province or city record (silver.covid_cases holds country totals)",
                        "record is not a JSON object");
        assertThat(split.cases().count() + split.rejects().count()).isEqualTo(rows.size());
    }

    private static String record(String code, String province, long cases, String status, String date) {
        return "{\"Country\":\"Singapore\",\"CountryCode\":\"" + code + "\",\"Province\":\"" + province
                + "\",\"City\":\"\",\"CityCode\":\"\",\"Lat\":\"1.35\",\"Lon\":\"103.82\",\"Cases\":" + cases
                + ",\"Status\":\"" + status + "\",\"Date\":\"" + date + "\"}";
    }

    private static Row bronzeRow(String record, Timestamp fetchedAt) {
        return RowFactory.create(record, null, "file:/saved.json", 0, fetchedAt, "r1");
    }
}
