package io.shoplake.pipelines.covid;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.shoplake.lakehouse.TableId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.covid_cases}: one row per country and date with the cumulative confirmed cases, from the API records
 * in {@code bronze.api_covid} (shape {@code {Country, CountryCode, Province, City, CityCode, Lat, Lon, Cases, Status,
 * Date}}). Records that are not a country's confirmed total for a day go to quarantine with their reason; of
 * several records for the same country and day the latest fetched is kept. Rows in = rows out + rows quarantined.
 */
public final class CovidCases {

    public static final TableId BRONZE = TableId.bronze("api_covid");
    public static final TableId TABLE = TableId.silver("covid_cases");

    static final StructType RECORD = new StructType()
            .add("Country", DataTypes.StringType)
            .add("CountryCode", DataTypes.StringType)
            .add("Province", DataTypes.StringType)
            .add("City", DataTypes.StringType)
            .add("Cases", DataTypes.StringType)
            .add("Status", DataTypes.StringType)
            .add("Date", DataTypes.StringType);

    /** Valid rows and rejects (columns {@code source, line, raw_record, reason}). */
    public record Split(Dataset<Row> cases, Dataset<Row> rejects) {}

    private CovidCases() {}

    public static Split build(Dataset<Row> bronze) {
        Dataset<Row> parsed = bronze.withColumn("r", from_json(col("record"), RECORD))
                .withColumn("cases_value", col("r.Cases").try_cast(DataTypes.LongType))
                // try_: under ANSI mode a bad value must become a quarantine reason, not a failed query.
                .withColumn("day", expr("try_to_date(substr(r.Date, 1, 10), 'yyyy-MM-dd')"));
        Column reason = when(
                        col("r").isNull().or(trim(col("record")).startsWith("{").unary_$bang()),
                        lit("record is not a JSON object"))
                .when(blank(col("r.CountryCode")), lit("CountryCode is missing"))
                .when(col("day").isNull(), concat(lit("Date is not a date: "), coalesce(col("r.Date"), lit("null"))))
                .when(
                        col("cases_value").isNull(),
                        concat(lit("Cases is not a whole number: "), coalesce(col("r.Cases"), lit("null"))))
                .when(col("cases_value").lt(0), concat(lit("Cases is negative: "), col("r.Cases")))
                .when(
                        coalesce(col("r.Status"), lit("")).notEqual(lit("confirmed")),
                        concat(lit("Status is not confirmed: "), coalesce(col("r.Status"), lit("null"))))
                .when(
                        blank(col("r.Province")).and(blank(col("r.City"))).unary_$bang(),
                        lit("province or city record (silver.covid_cases holds country totals)"));
        Dataset<Row> checked = parsed.withColumn("reason", reason);
        Dataset<Row> valid = checked.where(col("reason").isNull())
                .withColumn(
                        "n",
                        row_number()
                                .over(Window.partitionBy(col("r.CountryCode"), col("day"))
                                        .orderBy(
                                                col("fetched_at").desc(),
                                                col("record").desc())));
        Dataset<Row> cases = valid.where(col("n").equalTo(1))
                .select(
                        trim(col("r.CountryCode")).as("country_code"),
                        trim(col("r.Country")).as("country"),
                        col("day").as("date"),
                        col("cases_value").as("cumulative"),
                        col("url").as("source_url"),
                        col("fetched_at"));
        Dataset<Row> duplicates = valid.where(col("n").gt(1))
                .withColumn(
                        "reason",
                        concat(
                                lit("duplicate: a later record for "),
                                col("r.CountryCode"),
                                lit(" on "),
                                col("day").cast(DataTypes.StringType),
                                lit(" is kept")));
        Dataset<Row> rejects = checked.where(col("reason").isNotNull())
                .select(rejectColumns())
                .unionByName(duplicates.select(rejectColumns()));
        return new Split(cases, rejects);
    }

    private static Column[] rejectColumns() {
        return new Column[] {
            col("url").as("source"),
            col("page").cast(DataTypes.LongType).as("line"),
            col("record").as("raw_record"),
            col("reason")
        };
    }

    private static Column blank(Column text) {
        return coalesce(trim(text), lit("")).equalTo(lit(""));
    }
}
